# Makefile - hand-written; ./configure only writes config.mk
ifeq ($(filter deps clean distclean fmt check-fmt,$(MAKECMDGOALS)),)
-include config.mk
endif

O ?= build
PREFIX ?= $(prefix)
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DESTDIR ?=

# The library, in pipeline order: input, records, formats, rules, profile,
# diagnose, report, the file written; then the vocabulary they share.
LIB_MODULES = input records rowqueue jsonrows format format_salesforce \
	format_salesforce_login format_salesforce_audit format_dataverse \
	format_purview format_hubspot format_zoho format_suitecrm rules config \
	format_map source dedupe profile state lock roster pseudonym workdays \
	fall diagnose change report activity html \
	analysis outfile progress event timestamp zone userid utf8 strtab diag \
	status version
CMD_MODULES = uptake cmd_report cmd_events cmd_summary cmd_formats cmd_explain \
	cmd_merge cmd_diff cmd_pseudonym \
	options analyse meter output signals state_file stderr_sink
TESTS = strtab timestamp input records rowqueue state lock change pseudonym \
	format_salesforce rules profile \
	roster diagnose report \
	format_map dedupe zone config format_dataverse format_purview format_hubspot format_zoho \
	format_suitecrm source outfile fall workdays

# Ours, not the user's: CFLAGS=-O0 cannot drop them.
UPT_CFLAGS = -std=c11 -I. -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2 -Wvla -pthread $(if $(WERROR),-Werror)
CFLAGS ?= -O2 -g
# NO_ISAL=1 builds with zlib's inflate even where ISA-L was found
ALL_CFLAGS = $(UPT_CFLAGS) $(DEP_CFLAGS) $(if $(NO_ISAL),,$(ISAL_DEFS)) \
	$(CPPFLAGS) $(CFLAGS) $(SAN_FLAGS)
ALL_LIBS = $(DEP_LIBS) $(if $(NO_ISAL),,$(ISAL_LIBS))
ALL_LDFLAGS = $(LDFLAGS) $(SAN_FLAGS) -pthread

LIB_OBJS = $(LIB_MODULES:%=$(O)/lib/%.o)
CMD_OBJS = $(CMD_MODULES:%=$(O)/cmd/%.o)
TEST_BINS = $(TESTS:%=$(O)/lib/%_test)

.PHONY: all run check check-unit check-e2e check-output check-state \
	check-pseudonym check-progress check-html check-lib check-docs \
	check-zlib \
	check-sanitize check-valgrind bench fuzz fuzz-run fmt check-fmt install \
	uninstall clean distclean deps

all: $(O)/uptake

$(O)/libuptake.a: $(LIB_OBJS)
	$(AR) rcs $@ $^

$(O)/uptake: $(CMD_OBJS) $(O)/libuptake.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(ALL_LIBS)

$(O)/lib/%_test: $(O)/lib/%_test.o $(O)/libuptake.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(ALL_LIBS)

$(O)/%.o: %.c config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

config.mk: configure.ac config.mk.in
	@$(MAKE) --no-print-directory deps
	autoreconf -fi
	./configure

-include $(wildcard $(O)/*/*.d)

# The README's first command: the report of the bundled sample logs.
run: $(O)/uptake
	cd testdata && ../$(O)/uptake --roster sample/roster.csv \
		--output text sample/*-2026-10.csv*

check: check-unit check-lib check-e2e check-output check-state \
	check-pseudonym check-progress check-docs check-sim check-sim-report \
	$(if $(ISAL_LIBS),check-zlib)

# With ISA-L found, the suite runs again on zlib's inflate: both are kept
# working.
check-zlib:
	$(MAKE) --no-print-directory O=build/zlib NO_ISAL=1 check-unit check-e2e

check-unit: $(TEST_BINS)
	@fail=0; for t in $(TEST_BINS); do \
		if $$t; then echo "ok - $$t"; else echo "not ok - $$t"; fail=1; fi; \
	done; exit $$fail

check-e2e: $(O)/uptake
	@UPTAKE=$(CURDIR)/$(O)/uptake WRAP="$(WRAP)" sh cmd/uptake_test.sh

# What the cases cannot show: -o FILE written whole or not at all, write
# errors, a closed pipe, SIGINT and SIGTERM.
check-output: $(O)/uptake
	@UPTAKE=$(CURDIR)/$(O)/uptake sh cmd/output_test.sh

# --state over several runs: split input, late files, locks, SIGKILL.
check-state: $(O)/uptake $(O)/uptake-sim
	@UPTAKE=$(CURDIR)/$(O)/uptake SIM=$(CURDIR)/$(O)/uptake-sim \
		sh cmd/state_test.sh

# The progress line: on a terminal only, erased before messages.
check-progress: $(O)/uptake
	@UPTAKE=$(CURDIR)/$(O)/uptake sh cmd/progress_test.sh

# --output html in headless Chromium (not in check: it needs the browser;
# CI installs it and runs this). SHOT: where the screenshot goes.
check-html: $(O)/uptake $(O)/uptake-sim
	@UPTAKE=$(CURDIR)/$(O)/uptake SIM=$(CURDIR)/$(O)/uptake-sim \
		SHOT=$(CURDIR)/$(O)/html-report.png sh cmd/html_test.sh

# --pseudonymize: no output holds a roster or log user's id or name.
check-pseudonym: $(O)/uptake
	@UPTAKE=$(CURDIR)/$(O)/uptake sh cmd/pseudonym_test.sh

# The lib/cmd boundary, checked: the library never prints or exits.
check-lib: $(O)/libuptake.a
	@if nm -u $(O)/libuptake.a | grep -wE 'stdout|stderr|exit|abort|printf|puts|putchar'; then \
		echo "libuptake.a prints or exits (above)"; exit 1; fi
	@if grep -n '#include "cmd/' lib/*.c lib/*.h; then \
		echo "lib/ includes cmd/ (above)"; exit 1; fi
	@echo "ok - lib/ neither prints nor exits"

check-docs: $(O)/uptake
	@sh cmd/docs_test.sh $(O)/uptake man/uptake.1

check-sanitize:
	$(MAKE) O=build/sanitize CFLAGS="-O1 -g -fno-omit-frame-pointer" \
		SAN_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all" \
		check

check-valgrind: $(O)/uptake
	@UPTAKE=$(CURDIR)/$(O)/uptake ONLY="$(VALGRIND_CASES)" \
		WRAP="valgrind -q --suppressions=$(CURDIR)/cmd/valgrind.supp --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect" \
		sh cmd/uptake_test.sh

VALGRIND_CASES = sample-report truncated-gzip ragged-row roster-inactive events-sample \
	all-formats-mixed corpus-sentinel-json map-jsonl-config login-history-tz \
	purview-malformed dataverse-events-webapi-json hubspot-report zoho-report \
	suitecrm-tracker-tsv-stdin merge-by-roster

# Fuzzing: clang's libFuzzer with ASan and UBSan, in build/fuzz. make fuzz
# builds the targets; make fuzz-run runs each for FUZZ_SECONDS, seeded from
# testdata/ (a crash leaves its input in build/fuzz/crash-*).
FUZZ_TARGETS = source timestamp config
FUZZ_SECONDS ?= 20
FUZZ_FLAGS = -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
fuzz:
	$(MAKE) O=build/fuzz CC=clang SAN_FLAGS="$(FUZZ_FLAGS)" \
		CFLAGS="-O1 -g -fno-omit-frame-pointer" build/fuzz/libuptake.a
	@for t in $(FUZZ_TARGETS); do \
		echo "building build/fuzz/$${t}_fuzz"; \
		clang $(UPT_CFLAGS) $(DEP_CFLAGS) -O1 -g \
			-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
			-o build/fuzz/$${t}_fuzz lib/$${t}_fuzz.c build/fuzz/libuptake.a \
			$(ALL_LIBS) -pthread || exit 1; \
	done

fuzz-run: fuzz
	@mkdir -p build/fuzz/corpus-source build/fuzz/corpus-timestamp \
		build/fuzz/corpus-config
	@cp testdata/sample/* testdata/malformed/* build/fuzz/corpus-source/ 2>/dev/null; \
		for d in testdata/formats/*; do cp $$d/* build/fuzz/corpus-source/; done
	@printf '20261001120000.123' > build/fuzz/corpus-timestamp/a
	@printf '2026-10-01T12:00:00.1234567+02:00' > build/fuzz/corpus-timestamp/b
	@printf '10/5/2026, 9:14:45 AM PDT' > build/fuzz/corpus-timestamp/c
	@cp testdata/sample/roster.csv testdata/formats/map/rules.conf \
		build/fuzz/corpus-config/
	@for t in $(FUZZ_TARGETS); do \
		echo "fuzzing $$t for $(FUZZ_SECONDS)s"; \
		(cd build/fuzz && ./$${t}_fuzz -max_total_time=$(FUZZ_SECONDS) \
			-max_len=65536 -timeout=10 -rss_limit_mb=1024 \
			-print_final_stats=0 corpus-$$t 2>&1 | tail -3) || exit 1; \
	done

# With ISA-L found, a zlib build is measured too
bench: $(O)/uptake $(O)/uptake-sim
	$(if $(ISAL_LIBS),@$(MAKE) --no-print-directory O=$(O)/zlib NO_ISAL=1 \
		$(O)/zlib/uptake)
	@UPTAKE_ZLIB=$(if $(ISAL_LIBS),$(O)/zlib/uptake) \
		sh cmd/bench.sh $(O)/uptake $(O)/uptake-sim $(or $(BENCH_MB),1024)

# uptake-sim: a seeded simulator of a CRM org (logs, roster, truth), libc
# only; check-sim runs uptake on what it writes (SIM_USERS, SIM_SEEDS).
.PHONY: check-sim
all: $(O)/uptake-sim
$(O)/uptake-sim: cmd/uptake_sim.c
	@mkdir -p $(@D)
	$(CC) $(UPT_CFLAGS) $(CPPFLAGS) $(CFLAGS) $(ALL_LDFLAGS) -o $@ cmd/uptake_sim.c
check-sim: $(O)/uptake $(O)/uptake-sim
	@sh cmd/sim_test.sh $(O)/uptake-sim $(O)/uptake

# A small fixed organisation and uptake's report of it, against
# testdata/sim/: a change in the simulator or the diagnosis shows as a diff
# (UPDATE=1 rewrites them).
.PHONY: check-sim-report
check-sim-report: $(O)/uptake $(O)/uptake-sim
	@sh cmd/sim_report_test.sh $(O)/uptake-sim $(O)/uptake

# make eval: uptake's verdicts measured against the truth of uptake-sim's
# organisations, 50 to 5,000 users, in seven input formats, with the
# targets of issue 4 (cmd/eval.sh; minutes, so not part of check).
.PHONY: eval
eval: $(O)/uptake $(O)/uptake-sim
	@sh cmd/eval.sh $(O)/uptake-sim $(O)/uptake

# make eval-bound: the best any reading of the days could do for effort on
# a login history alone, the bound of that target (cmd/eval_bound.sh).
.PHONY: eval-bound
eval-bound: $(O)/uptake $(O)/uptake-sim
	@sh cmd/eval_bound.sh $(O)/uptake-sim $(O)/uptake

fmt:
	clang-format -i lib/*.[ch] cmd/*.[ch]

check-fmt:
	@clang-format --dry-run --Werror lib/*.[ch] cmd/*.[ch]

install: $(O)/uptake
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(O)/uptake $(DESTDIR)$(BINDIR)/uptake
	install -m 644 man/uptake.1 $(DESTDIR)$(MANDIR)/man1/uptake.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/uptake $(DESTDIR)$(MANDIR)/man1/uptake.1

clean:
	rm -rf build

distclean: clean
	rm -rf config.mk config.log config.status configure aclocal.m4 \
		autom4te.cache

# System packages: installed when root, else the exact line to run.
DEB_PACKAGES = gcc make autoconf automake pkgconf libcsv-dev libpcre2-dev \
	zlib1g-dev libjson-c-dev libisal-dev libsodium-dev mandoc tzdata parallel
deps:
	@missing=$$(for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
		grep -q '^install ok installed' || echo $$p; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "installing: $$missing"; \
		apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else \
		echo "uptake needs these Debian packages; run:"; \
		echo "  sudo apt-get install -y $$missing"; exit 1; \
	fi

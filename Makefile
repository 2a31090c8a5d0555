# podfmt: `make` builds build/podfmt and build/libpodfmt.a;
# `make demo` sets up, builds and formats a sample; `make check` runs every test.

CC ?= cc
BUILD ?= build
PKGS := yaml-0.1 libcmark jansson libutf8proc
OPT ?= -O2 -g
WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Werror
SANITIZE ?=
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS_ALL = -std=c11 -D_POSIX_C_SOURCE=200809L $(OPT) $(WARN) $(SANITIZE) \
             -Iinclude -Isrc -I$(BUILD) $(PKG_CFLAGS) $(CFLAGS)
LDFLAGS_ALL = $(SANITIZE) $(LDFLAGS)
# The command is linked statically, as a static PIE (libyaml, cmark, jansson, utf8proc and
# libc from their Debian -dev packages): a run then starts without the
# dynamic loader, which is most of a small conversion's time.  The
# sanitizer and valgrind builds link dynamically (LINK=dynamic), as their
# runtimes need.
LINK ?= static
ifeq ($(LINK),static)
EXE_LINK = -static-pie $(shell pkg-config --static --libs $(PKGS) 2>/dev/null)
else
EXE_LINK = $(PKG_LIBS)
endif

LIB_SRC := $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/templates.o
TEMPLATES := $(sort $(wildcard templates/*))
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps demo check unit cases asan leakcheck fuzz bench clean

all: $(BUILD)/podfmt $(BUILD)/libpodfmt.a

deps:
	@sh scripts/install-deps.sh

$(BUILD)/obj/%.o: src/%.c include/podfmt.h src/internal.h | $(BUILD)/obj
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/obj $(BUILD)/tests:
	@mkdir -p $@

$(BUILD)/embed: scripts/embed.c | $(BUILD)/obj
	$(CC) -std=c11 -O1 -Wall -Wextra -Werror $< -o $@

$(BUILD)/templates.c: $(BUILD)/embed $(TEMPLATES)
	$(BUILD)/embed $(TEMPLATES) > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/templates.o: $(BUILD)/templates.c src/internal.h
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/libpodfmt.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/podfmt: $(BUILD)/obj/main.o $(BUILD)/libpodfmt.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(EXE_LINK)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h $(BUILD)/libpodfmt.a | $(BUILD)/tests
	$(CC) $(CFLAGS_ALL) $(shell pkg-config --cflags cmocka 2>/dev/null) $< \
	  -o $@ $(LDFLAGS_ALL) $(BUILD)/libpodfmt.a $(PKG_LIBS) \
	  $(shell pkg-config --libs cmocka 2>/dev/null)

# the byte-at-a-time build of test_spans.c
$(BUILD)/tests/test_spans_scalar: tests/unit/test_spans.c

demo: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/demo.sh $(BUILD)

unit: all $(UNIT_BIN)

check: deps
	@$(MAKE) --no-print-directory all unit
	@sh tests/run-all.sh $(BUILD)

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer.
ASAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan OPT="-O1 -g" LINK=dynamic \
	  SANITIZE="$(ASAN_FLAGS)" all unit
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  sh tests/run-all.sh build-asan

# The whole suite under valgrind's memcheck (leaks are errors).
leakcheck: deps
	@$(MAKE) --no-print-directory BUILD=build-valgrind OPT="-O1 -g" LINK=dynamic all unit
	@VALGRIND="valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99" \
	  sh tests/run-all.sh build-valgrind

# libFuzzer targets: every reader and the configuration, each running
# every writer.  FUZZ_SECONDS per target (default 60).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := text md srt vtt json yaml auto config
FUZZ_CC := clang
FUZZ_FLAGS := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -O1 -g
fuzz: deps
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=$(FUZZ_CC) OPT="-O1 -g" LINK=dynamic \
	  SANITIZE="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" \
	  build-fuzz/libpodfmt.a
	@for t in $(FUZZ_TARGETS); do \
	  case $$t in config) def=-DFUZZ_CONFIG ;; \
	    auto) def=-DFUZZ_FORMAT=PODFMT_FMT_AUTO ;; \
	    *) def="-DFUZZ_FORMAT=PODFMT_FMT_$$(echo $$t | tr a-z A-Z)" ;; esac; \
	  $(FUZZ_CC) $(FUZZ_FLAGS) -Iinclude $$def tests/fuzz/fuzz_podfmt.c \
	    build-fuzz/libpodfmt.a $(PKG_LIBS) -o build-fuzz/fuzz_$$t || exit 1; \
	done
	@sh scripts/fuzz.sh build-fuzz $(FUZZ_SECONDS)

# Side by side with the peers (installed from Debian's packages here).
bench: deps
	@PODFMT_EXTRA_PACKAGES="pandoc python3-srt" sh scripts/install-deps.sh
	@$(MAKE) --no-print-directory all
	@sh scripts/bench.sh $(BUILD) "5 20" 5

clean:
	rm -rf build build-*

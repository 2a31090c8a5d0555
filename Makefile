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
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h $(BUILD)/libpodfmt.a | $(BUILD)/tests
	$(CC) $(CFLAGS_ALL) $(shell pkg-config --cflags cmocka 2>/dev/null) $< \
	  -o $@ $(LDFLAGS_ALL) $(BUILD)/libpodfmt.a $(PKG_LIBS) \
	  $(shell pkg-config --libs cmocka 2>/dev/null)

demo: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/demo.sh $(BUILD)

unit: all $(UNIT_BIN)

check: deps
	@$(MAKE) --no-print-directory all unit
	@sh tests/run-all.sh $(BUILD)

clean:
	rm -rf build build-*

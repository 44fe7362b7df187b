# dyad - build, test and benchmark.  `make help` lists the targets.

CC       ?= cc
PKGS     := libutf8proc jansson zlib libzstd sqlite3 libxml-2.0 geonames
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lutf8proc -ljansson -lz -lzstd -lsqlite3 -lxml2 -lgeonames)

OPT      ?= -O2 -g
WARN     := -Wall -Wextra -Wshadow -Wno-unused-parameter
CFLAGS   += -std=c11 -D_GNU_SOURCE -DDY_DATA_DIR=\"$(CURDIR)/data\" $(OPT) $(WARN) -Isrc -Iinclude $(PKG_CFLAGS) $(EXTRA_CFLAGS)
LDLIBS   += $(PKG_LIBS) -lpthread -lm
BUILD    ?= build

LIB_SRC  := $(sort $(wildcard src/*/*.c))
LIB_SRC  := $(filter-out src/cli/%,$(LIB_SRC))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all run test asan valgrind bench clean install-deps help check-includes

all: $(BUILD)/dyad

help:
	@echo "make run        install missing packages, build, store the bundled examples in dyad.db"
	@echo "make test       unit, golden and CLI tests; ends with 'N passed, N failed'"
	@echo "make asan       the whole suite under AddressSanitizer and UBSan"
	@echo "make valgrind   the CLI tests under valgrind (leaks are failures)"
	@echo "make bench      throughput, load time and memory on a generated corpus; the store on 1M events"
	@echo "make install-deps   install the Debian packages dyad needs"

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

# The store's schema (src/store/schema.sql) is compiled into the binary as
# a C string, so that dyad works from any directory.
$(BUILD)/gen/schema-sql.h: src/store/schema.sql
	@mkdir -p $(dir $@)
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $< >$@
$(BUILD)/src/store/store.o: $(BUILD)/gen/schema-sql.h
$(BUILD)/src/store/store.o: CFLAGS += -I$(BUILD)/gen

$(BUILD)/libdyad.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/dyad: $(CLI_OBJ) $(BUILD)/libdyad.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libdyad.a $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/test.h tests/unit/tagged.h $(BUILD)/libdyad.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libdyad.a $(LDLIBS)

install-deps:
	@sh scripts/install-deps.sh

run: install-deps
	@$(MAKE) --no-print-directory all
	@$(BUILD)/dyad ingest examples/*.txt examples/*.jsonl
	@echo; echo "== the dyads with most events (dyad dyads --limit 15)"
	@$(BUILD)/dyad dyads --limit 15
	@echo; echo "== the newest events (dyad events --sort newest --limit 15)"
	@$(BUILD)/dyad events --sort newest --limit 15

test: install-deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN)
	@sh scripts/check-includes.sh
	@BUILD=$(BUILD) sh tests/run.sh

asan:
	@$(MAKE) --no-print-directory BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
		EXTRA_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=undefined -DDY_ARENA_MALLOC" \
		LDFLAGS="-fsanitize=address,undefined" test

valgrind: all
	@BUILD=$(BUILD) DYAD_VALGRIND=1 sh tests/cli/run.sh

bench: all
	@sh bench/run.sh $(BUILD)

check-includes:
	@sh scripts/check-includes.sh

clean:
	rm -rf build build-asan

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)

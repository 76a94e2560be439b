#!/usr/bin/env bash
# Coverage-guided fuzzing of every reader of input (issue 9): builds listlens-fuzz with libFuzzer and
# AddressSanitizer, then runs each target for SECONDS (default 60), seeded from fixtures/ and, when
# present, the real archives in $LISTLENS_CORPORA. Fails on any crash, hang (an input taking over 10 s),
# leak of memory past 2 GB, or sanitizer report; the failing input is left in $OUT (default
# .build-fuzz/findings) and named in the output. Swift traps on overflow, bounds and unwrap errors in
# every build, which is what UBSan adds to C; swiftc rejects -sanitize=undefined on Linux.
#
#   scripts/fuzz.sh             # every target, 60 s each
#   scripts/fuzz.sh 10 query    # one target, 10 s
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(mbox archive message html html-page quotes query)
corpora="${LISTLENS_CORPORA:-../shared/corpora}"
out="${OUT:-.build-fuzz/findings}"
work=".build-fuzz/work"
mkdir -p "$out" "$work"

LISTLENS_FUZZ=1 swift build -c release --scratch-path .build-fuzz --product listlens-fuzz \
    -Xswiftc -sanitize=fuzzer,address 2>&1 | grep -v "Cannot export local symbol" | tail -3
fuzzer=.build-fuzz/release/listlens-fuzz

# Seeds: copies of small files (libFuzzer cuts longer ones at -max_len), a few hundred at most per target.
seed() {   # seed TARGET PATH...
    local dir="$work/seeds-$1"; shift
    rm -rf "$dir"; mkdir -p "$dir"
    local n=0
    for p in "$@"; do
        [ -e "$p" ] || continue
        while IFS= read -r -d '' f; do
            cp "$f" "$dir/$n-$(basename "$f" | tr -c 'A-Za-z0-9._-' '_')"
            n=$((n + 1))
            [ $n -lt 300 ] || break 2
        done < <(find -L "$p" -type f -size -65k -print0 | sort -z)
    done
    echo "$dir"
}

status=0
for target in "${targets[@]}"; do
    case "$target" in
        mbox) seeds=$(seed mbox fixtures/sample fixtures/dedup/trailing-blank-lines.mbox fixtures/threading \
                       fixtures/archives/mhonarc/source.mbox "$corpora/grimoirelab-perceval/tests/data/mbox") ;;
        archive) seeds=$(seed archive fixtures/sample fixtures/mime fixtures/archives fixtures/hostile \
                          "$corpora/grimoirelab-perceval/tests/data/mbox" "$corpora/notmuch-test-corpora/test/corpora/broken") ;;
        message) seeds=$(seed message fixtures/clients fixtures/mime fixtures/hostile fixtures/dedup \
                          "$corpora/notmuch-test-corpora/test/corpora" "$corpora/seed") ;;
        html) seeds=$(seed html fixtures/hostile "$corpora/seed" "$corpora/quotequail/tests" "$corpora/github-email_reply_parser") ;;
        html-page) seeds=$(seed html-page fixtures/archives "$corpora/cf-convention-hypermail/Data" \
                            "$corpora/twisted-pipermail/twisted-python/2013-July" "$corpora/hyperkitty-testdata") ;;
        quotes) seeds=$(seed quotes fixtures/clients fixtures/sample "$corpora/github-email_reply_parser" "$corpora/quotequail/tests") ;;
        query) seeds=$(seed query fixtures/fuzz/query) ;;
        *) echo "unknown target $target"; exit 64 ;;
    esac
    [ "$target" != query ] && [ -d "fixtures/fuzz/$target" ] && cp fixtures/fuzz/"$target"/* "$seeds"/ 2>/dev/null || true   # past findings first
    corpus="$work/corpus-$target"
    mkdir -p "$corpus"
    echo "== $target: $(ls "$seeds" | wc -l) seeds, $seconds s"
    log="$work/$target.log"
    # The backtracer misbehaves under ASan (TOOLCHAIN.md §8): libFuzzer's own report is enough.
    if SWIFT_BACKTRACE=enable=no "$fuzzer" "$target" "$corpus" "$seeds" -max_total_time="$seconds" -max_len=65536 \
        -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$out/$target-" -print_final_stats=1 > "$log" 2>&1; then
        grep -E "^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)" "$log" | tr '\n' ' '; echo
    else
        status=1
        echo "!! $target failed; the input is in $out:"
        grep -E "ERROR|SUMMARY|Test unit written|Fatal error|==[0-9]+==" "$log" | head -20
        ls "$out"/"$target"-* 2>/dev/null || true
    fi
done
exit $status

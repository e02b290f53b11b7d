#!/bin/sh
# Copies the seed corpus into corpus/<target>/: the shipped facts.toml and every
# fact file of the tests (valid and broken). Run from fuzz/.
set -eu
for target in load render; do
    mkdir -p "corpus/$target"
    for file in ../facts.toml ../tests/bad_input/*.toml ../tests/fixtures/*.toml ../tests/fixtures/*/*.toml; do
        [ -f "$file" ] || continue
        name=$(echo "$file" | sed 's|^\.\./||; s|/|_|g')
        cp "$file" "corpus/$target/seed-$name"
    done
done
# Seeds whose `# jq:` comment picks --jq programs from JQ_STEPS (fuzz_targets/render.rs).
i=0
for steps in "0 1 2 3" "4 5 6 7" "8 9 10 11" "12 13 14 15" "16 17 18 19" "20 21 22 23" \
    "24 25 26 27" "28 29 30 31" "32 33 34 35" "36 37 38 39"; do
    i=$((i + 1))
    { echo "# jq: $steps"; cat ../tests/bad_input/valid.toml; } > "corpus/render/seed-jq-$i.toml"
    { echo "# jq: $steps"; cat ../tests/fixtures/basic.toml; } > "corpus/render/seed-jq-basic-$i.toml"
done

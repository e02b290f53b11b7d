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

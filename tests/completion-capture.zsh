# Drives a real interactive zsh through zsh/zpty: compinit, the kzfp script
# installed as the test says, then the line typed with a TAB. Prints each
# candidate the completion system offers as `value<TAB>description`, one a line.
#
#   zsh -f tests/completion-capture.zsh SETUP 'kzfp partner '
#
# SETUP is zsh code run after compinit (e.g. `source <(kzfp completions zsh)`);
# fpath folders go in KZFP_CAPTURE_FPATH before compinit runs. Exit 0 once the
# TAB was handled, 2 when the shell did not start.
# Technique: zsh-capture-completion (compadd wrapped to print instead of insert).

zmodload zsh/zpty || { print -u2 'error: zsh has no zsh/zpty module'; exit 3 }

local setup=$1 line=$2
zpty z zsh -f -i

local init
init=$(mktemp) || exit 3
cat > $init <<'INIT'
PROMPT=
RPROMPT=
fpath=(${(s.:.)KZFP_CAPTURE_FPATH} $fpath)
autoload -Uz compinit
compinit -u -d ${TMPDIR:-/tmp}/kzfp-capture-zcompdump-$$
INIT
print -r -- $setup >> $init
cat >> $init <<'INIT'
bindkey '^M' undefined
bindkey '^J' undefined
bindkey '^I' complete-word
kzfp-capture-mark () { echo -E - $'\0' }
compprefuncs=( kzfp-capture-mark )
comppostfuncs=( kzfp-capture-mark exit )
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
zstyle ':completion:*' list-separator ''
compadd () {
    # Calls that only query or set up (-O, -A, -D) go to the real compadd.
    if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
        builtin compadd "$@"
        return $?
    fi
    typeset -a __hits __dscr __tmp
    if (( $@[(I)-d] )); then
        __tmp=${@[$[${@[(i)-d]}+1]]}
        if [[ $__tmp == \(* ]]; then
            eval "__dscr=$__tmp"
        else
            __dscr=( "${(@P)__tmp}" )
        fi
    fi
    builtin compadd -A __hits -D __dscr "$@"
    local i
    for i in {1..$#__hits}; do
        (( $#__hits )) || break
        if (( $#__dscr >= i )); then
            echo -E - "$__hits[$i]"$'\t'"${${__dscr[$i]}##$__hits[$i][[:space:]]#(--[[:space:]]#|)}"
        else
            echo -E - "$__hits[$i]"
        fi
    done
}
echo kzfp-capture-ready
INIT

zpty -w z "source ${(q)init}"
local out
repeat 50; do
    zpty -r z out || break
    [[ $out == kzfp-capture-ready* ]] && break
done
if [[ $out != kzfp-capture-ready* ]]; then
    print -u2 'error: the zsh under test did not start'
    rm -f $init
    exit 2
fi
rm -f $init

zpty -w z "$line"$'\t'
integer marks=0
while zpty -r z; do :; done | while IFS= read -r out; do
    if [[ $out == *$'\0\r' ]]; then
        (( marks++ )) && exit 0
        continue
    fi
    (( marks )) && echo -E - ${out%$'\r'}
done
exit 2

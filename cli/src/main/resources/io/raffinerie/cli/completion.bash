# bash completion for kubectl-raffinerie (docs/cli.md): source <(kubectl-raffinerie completion bash)
# Every TAB asks the plugin itself (kubectl-raffinerie __complete WORD... CURRENT), which answers with the subcommands,
# options and their values, and the names of jobs, pipelines, runs, steps, parameters and namespaces in the cluster.
_kubectl_raffinerie() {
  local cur words cword
  if declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
    # bash-completion: the words as typed, not split at = and :
    _get_comp_words_by_ref -n =: cur words cword
  else
    local line=${COMP_LINE:0:COMP_POINT}
    read -ra words <<<"$line"
    if [[ $line == *[[:space:]] ]]; then
      words+=("")
    fi
    cword=$((${#words[@]} - 1))
    cur=${words[cword]}
  fi
  local out line directive=0
  out=$("${words[0]}" __complete "${words[@]:1:cword-1}" "$cur" 2>/dev/null) || return 0
  COMPREPLY=()
  while IFS= read -r line; do
    case $line in
      :*) directive=${line#:} ;;
      '') ;;
      *) COMPREPLY+=("${line%%$'\t'*}") ;;
    esac
  done <<<"$out"
  # bash replaces only what follows the last : of the word (a word break): a context named a:b completes as b
  if [[ $cur == *:* && $COMP_WORDBREAKS == *:* ]]; then
    local colon=${cur%"${cur##*:}"}
    COMPREPLY=("${COMPREPLY[@]#"$colon"}")
  fi
  if (( directive & 2 )); then
    compopt -o nospace 2>/dev/null
  fi
  return 0
}
complete -F _kubectl_raffinerie kubectl-raffinerie

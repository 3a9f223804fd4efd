# bash completion for kubectl-raffinerie (docs/cli.md): source <(kubectl-raffinerie completion bash)
# Every TAB asks the plugin itself (kubectl-raffinerie __complete WORD... CURRENT), which answers with the subcommands,
# options and their values, and the names of jobs, pipelines, runs, steps, parameters and namespaces in the cluster.
_kubectl_raffinerie() {
  local cur words cword
  if declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
    _get_comp_words_by_ref -n =: cur words cword
  else
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
    cur=${COMP_WORDS[COMP_CWORD]}
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
  if (( directive & 2 )); then
    compopt -o nospace 2>/dev/null
  fi
  if declare -F __ltrim_colon_completions >/dev/null 2>&1; then
    __ltrim_colon_completions "$cur"
  fi
  return 0
}
complete -F _kubectl_raffinerie kubectl-raffinerie

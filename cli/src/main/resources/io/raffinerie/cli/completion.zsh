#compdef kubectl-raffinerie
# zsh completion for kubectl-raffinerie (docs/cli.md): source <(kubectl-raffinerie completion zsh), or save it as
# _kubectl-raffinerie in a directory of $fpath. Every TAB asks the plugin itself (kubectl-raffinerie __complete WORD...
# CURRENT), which answers with the subcommands, options and their values, and the names of jobs, pipelines, runs,
# steps, parameters and namespaces in the cluster, each with a description.
_kubectl-raffinerie() {
  local out line name directive=0
  local -a candidates
  out=$(${words[1]} __complete "${(@)words[2,CURRENT]}" 2>/dev/null) || return 1
  for line in "${(@f)out}"; do
    case $line in
      :*) directive=${line#:} ;;
      '') ;;
      *)
        name=${line%%$'\t'*}
        name=${name//:/\\:}
        if [[ $line == *$'\t'* ]]; then
          candidates+=("$name:${line#*$'\t'}")
        else
          candidates+=("$name")
        fi
        ;;
    esac
  done
  # --name=VALUE: the candidates are the values; zsh keeps the --name=
  if [[ ${words[CURRENT]} == -*=* ]]; then
    compset -P '*='
  fi
  if (( directive & 2 )); then
    _describe -t values kubectl-raffinerie candidates -S ''
  else
    _describe -t values kubectl-raffinerie candidates
  fi
}
if [ "$funcstack[1]" = "_kubectl-raffinerie" ]; then
  # loaded from $fpath by compinit: this is the completion call itself
  _kubectl-raffinerie "$@"
else
  # sourced: register the function (compinit first, when the shell has not loaded it)
  (( $+functions[compdef] )) || { autoload -Uz compinit && compinit; }
  compdef _kubectl-raffinerie kubectl-raffinerie
fi

# The bash image's self-test: the usual text tools on a small data set, from a parameter (env N).
set -euo pipefail
seq 1 "${N:-10}" | awk '{ print $1 "," $1 * $1 }' >/tmp/numbers.csv
sum=$(cut -d, -f2 /tmp/numbers.csv | paste -sd+ | bc)
top=$(sort -t, -k2 -rn /tmp/numbers.csv | head -1 | cut -d, -f1)
gzip -k /tmp/numbers.csv && lines=$(zcat /tmp/numbers.csv.gz | wc -l)
root=$( (touch /opt/raffinerie/written 2>/dev/null && echo writable) || echo read-only)
jq -cn --arg bash "${BASH_VERSINFO[0]}.${BASH_VERSINFO[1]}" --argjson uid "$(id -u)" --arg root "$root" \
  --argjson sum "$sum" --argjson top "$top" --argjson lines "$lines" \
  '{bash: $bash, uid: $uid, root: $root, sum: $sum, top: $top, lines: $lines}'

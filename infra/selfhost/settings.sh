#!/usr/bin/env bash
# Prints a first /etc/appraisal/appraisal.env from appraisal.env.example: two new signing keys, and the sign-in
# directory chosen (None, Ldap or Oidc) with its block of settings opened to fill in. install.sh runs it once.
#   infra/selfhost/settings.sh Ldap > /etc/appraisal/appraisal.env
# APPRAISAL names the appraisal command (default: the installed one).
set -euo pipefail
directory=${1:-None}
case "$directory" in None|Ldap|Oidc) ;; *) echo "settings.sh: expected None, Ldap or Oidc, found '$directory'" >&2; exit 2 ;; esac
read -r -a appraisal <<< "${APPRAISAL:-/opt/appraisal/bin/appraisal}"
open=()
[ "$directory" = None ] || open=(-e "s|^# \(SignIn__RoleGroups__\)|\1|" -e "s|^# \(SignIn__${directory}__\)|\1|")
sed -e "s|^Auth__SigningKey=$|Auth__SigningKey=$("${appraisal[@]}" keys new)|" \
    -e "s|^Approvals__SigningKey=$|Approvals__SigningKey=$("${appraisal[@]}" keys new)|" \
    -e "s|^SignIn__Directory=None$|SignIn__Directory=$directory|" \
    "${open[@]}" \
    "$(dirname "$0")/appraisal.env.example"

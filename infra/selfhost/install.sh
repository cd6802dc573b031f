#!/usr/bin/env bash
# Installs the self-host as systemd services on a Debian or Ubuntu server, from a clone of this repository:
#   sudo infra/selfhost/install.sh            the self-host over Azurite on this server (data in /var/lib/appraisal)
#   sudo infra/selfhost/install.sh --no-azurite   the self-host only (Storage__ConnectionString names a storage account)
#   add --ldap or --oidc: people sign in with the office's LDAP directory or OpenID Connect provider (the settings file
#   is written with that block open, to fill in; see docs/internal-network.md)
# Needs the .NET SDK (to publish) and, with Azurite, Node.js and npm. Run again to upgrade: settings and data stay.
set -euo pipefail
cd "$(dirname "$0")/../.."
azurite=1
directory=None
for arg in "$@"; do
  case "$arg" in
    --no-azurite) azurite=0 ;;
    --ldap) directory=Ldap ;;
    --oidc) directory=Oidc ;;
    *) echo "install.sh: unknown option '$arg' (expected --no-azurite, --ldap, --oidc)" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" -eq 0 ] || { echo "install.sh: run as root (sudo)" >&2; exit 1; }

id appraisal >/dev/null 2>&1 || useradd --system --home-dir /var/lib/appraisal --shell /usr/sbin/nologin appraisal
install -d -o appraisal -g appraisal -m 0750 /var/lib/appraisal /var/backups/appraisal
install -d -m 0755 /opt/appraisal /opt/appraisal/docs
install -d -o root -g appraisal -m 0750 /etc/appraisal

# LDAP sign-in talks to the directory through OpenLDAP's client library (ldap-utils brings it, and ldapsearch to try the settings).
if [ "$directory" = Ldap ] && ! command -v ldapsearch >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ldap-utils
fi

dotnet publish functions/Appraisal.SelfHost -c Release -o /opt/appraisal/bin
cp docs/internal-network.md /opt/appraisal/docs/
if [ ! -f /etc/appraisal/appraisal.env ]; then
  (umask 027; infra/selfhost/settings.sh "$directory" > /etc/appraisal/appraisal.env)
  chown root:appraisal /etc/appraisal/appraisal.env
  chmod 0640 /etc/appraisal/appraisal.env
  echo "wrote /etc/appraisal/appraisal.env with new signing keys: set the SMTP relay and PublicBaseUrl in it"
  [ "$directory" = None ] || echo "and the SignIn__ settings of the office's directory ($directory): docs/internal-network.md"
fi

units=(appraisal.service appraisal-backup.service appraisal-backup.timer)
if [ "$azurite" -eq 1 ]; then
  install -d -m 0755 /opt/appraisal/azurite
  cp package.json package-lock.json /opt/appraisal/azurite/
  (cd /opt/appraisal/azurite && npm ci --no-audit --no-fund)
  install -d -o appraisal -g appraisal -m 0750 /var/lib/appraisal/azurite
  units+=(azurite.service)
fi

for unit in "${units[@]}"; do install -m 0644 "infra/selfhost/$unit" /etc/systemd/system/; done
systemctl daemon-reload
[ "$azurite" -eq 1 ] && systemctl enable --now azurite.service
systemctl enable --now appraisal.service appraisal-backup.timer
systemctl --no-pager status appraisal.service | head -5

#!/usr/bin/env bash
# Install the Debian packages reportgen needs, only those missing.
#   scripts/system-deps.sh build   fonts the PDF embeds and charts use, fontconfig, python3-venv
#   scripts/system-deps.sh test    the above, plus poppler-utils, LibreOffice (nogui) and pandoc for the tests
#                                  (pandoc makes the DOCX of corpus reports that tests/test_import_docx.py imports)
#   scripts/system-deps.sh bench   the above, plus time (pandoc is the benchmark's comparison)
set -euo pipefail
profile="${1:-build}"
packages=(python3-venv fontconfig fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei)
if [ "$profile" = "test" ] || [ "$profile" = "bench" ]; then
  packages+=(poppler-utils libreoffice-writer-nogui libreoffice-impress-nogui pandoc)
fi
if [ "$profile" = "bench" ]; then
  packages+=(time)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fc-cache -f >/dev/null 2>&1 || true

#!/bin/sh
# Installs from Debian's packages what podfmt needs to build and test.
# Idempotent, and silent when everything is already there.
set -eu
PACKAGES="build-essential pkg-config libyaml-dev libcmark-dev cmark
libjansson-dev libutf8proc-dev libcmocka-dev ffmpeg time valgrind clang
chromium jq
${PODFMT_EXTRA_PACKAGES:-}"
missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
echo "podfmt: installing from Debian:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null

#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages bolwerk needs to build, test and record, if any
# are missing: X11/Wayland/udev headers and pkg-config for Bevy, Xvfb and Mesa's
# software Vulkan driver (lavapipe) to render without a GPU, ffmpeg for videos, and
# for the tests poppler (reads the handout back), xdotool (presses keys in windows),
# Chromium with its WebDriver (a participant's phone, headless), curl, and node, npm
# and unzip (a course package played in Chromium with a SCORM run-time: the test
# installs its npm packages itself, tests/browser/package.json).
set -euo pipefail
packages=(
  pkg-config libx11-dev libxkbcommon-dev libwayland-dev libudev-dev
  libxcursor-dev libxrandr-dev libxi-dev libvulkan1 mesa-vulkan-drivers
  xvfb xauth xdotool ffmpeg procps poppler-utils chromium chromium-driver curl
  nodejs unzip
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Debian's npm is a package of its own; NodeSource's nodejs brings npm inside it (and
# Debian's npm would replace that nodejs): ask for it only where no npm runs.
command -v npm >/dev/null || missing+=(npm)
((${#missing[@]} == 0)) && exit 0
if ! command -v apt-get >/dev/null; then
  echo "install-deps: please install: ${missing[*]}" >&2
  exit 1
fi
sudo=()
((EUID == 0)) || sudo=(sudo)
echo "install-deps: installing ${missing[*]}" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

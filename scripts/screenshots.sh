#!/usr/bin/env bash
# The screenshots to look at after a change anyone sees (CONTRIBUTING: "Look at what you
# make"), under one Xvfb screen, into OUT (default: shots/), with contact sheets of four
# in OUT/sheets/ to look through quickly:
#   demo-WxH(-compare).png          the demo at 1280x720, 1920x1080, 1024x768 and 960x540,
#                                   and its what-if comparison;
#   part-NN-WxH-LANG-THEME.png      every part of the shipped session as it opens, at
#                                   1024x768 and 1280x720 in both languages and both
#                                   themes, at 1600x900 in both languages (projector),
#                                   and at 1920x1080 in both themes (en);
#   reveal-NN-WxH-LANG-THEME.png    each question part after its answer shows, the room's
#                                   answers beside it (present --audience, answered with
#                                   curl), and join-NN-… while the question is open; a
#                                   question asked twice also talk-NN-… (first round
#                                   closed) and again-NN-… (second round);
#   sketch-WxH-LANG-THEME-*.png     a question answered with a sketch, with a room:
#                                   while it draws, as the world grows, once answered;
#   takehome-WxH-LANG-THEME.png     the last part with a room: the card to take the
#                                   curve home;
#   package-LANG-THEME-*.png        the shipped session as a course package, played in
#                                   Chromium: its first question and its last answer at
#                                   1280x720, 1024x768 and 390x844, and its end;
#   transcript-LANG-THEME-W.png     the text version of that recording, whole, at 1280
#                                   1024 and 390 pixels wide;
#   rules-WxH-LANG-THEME.png        the example part that compares contact rules
#                                   (everyone-with-everyone.ron), grown to 5,000.
# Needs xvfb-run, xdotool, ffmpeg, curl, node and unzip (scripts/install-deps.sh), the
# course test's npm packages (it installs them: cargo test course_package) and a built bolwerk
# (BOLWERK, default: the debug build in CARGO_TARGET_DIR). ONLY=demo, parts, reveals, sketch,
# organisations, takehome, console, rehearsal, check, package or rules takes only those; QUESTIONS="4" takes the reveals of those parts only.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-shots}")
mkdir -p "$out/sheets"
target=${CARGO_TARGET_DIR:-$HOME/.cache/bolwerk-target}
export BOLWERK=${BOLWERK:-$target/debug/bolwerk}
export OUT=$out ONLY=${ONLY:-all} QUESTIONS=${QUESTIONS:-}
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp/bolwerk-runtime-$(id -u)}
mkdir -p -m 700 "$XDG_RUNTIME_DIR"

xvfb-run -a -s "-screen 0 1920x1080x24" bash -euo pipefail -c '
grab() { ffmpeg -loglevel error -y -f x11grab -video_size "$1" -i "$DISPLAY" -frames:v 1 "$2"; }
parts=$(grep -c "^        // [0-9]*\." assets/scenarios/interne-klanten.ron)
questions=$(awk "/^        \/\/ [0-9]+\./ { part = \$2 + 0 } /question: \(/ { print part }" assets/scenarios/interne-klanten.ron)
first_question=$(printf "%s\n" $questions | head -1)
[[ -n $QUESTIONS ]] && questions=$QUESTIONS

want() { [[ $ONLY == all || $ONLY == "$1" ]]; }

# COMMAND ARGS… SIZE LANG THEME at each laptop screen: 1280x720 and 1024x768, in both
# languages and both themes.
on_screens() {
  for lang in en nl; do for theme in projector screen; do
    "$@" 1280x720 "$lang" "$theme"
    "$@" 1024x768 "$lang" "$theme"
  done; done
}

# Waits up to a minute for the room served at PORT to see the answer.
revealed() {
  for _ in $(seq 1 300); do
    curl -s "http://127.0.0.1:$1/api/state" | grep -q "\"revealed\":{" && return 0; sleep 0.2
  done
}

want demo && for size in 1280x720 1920x1080 1024x768 960x540; do
  w=${size%x*} h=${size#*x}
  "$BOLWERK" demo --width "$w" --height "$h" --frames 120 --screenshot "$OUT/demo-$size.png" 2>/dev/null
done
want demo && "$BOLWERK" demo --width 1280 --height 720 --compare sphere,disc,cells,rotation --frames 120 \
  --screenshot "$OUT/demo-1280x720-compare.png" 2>/dev/null

shoot_rules() { # SIZE LANG THEME
  "$BOLWERK" present assets/scenarios/everyone-with-everyone.ron --windowed --width "${1%x*}" \
    --height "${1#*x}" --lang "$2" --theme "$3" --act 1 --frames 300 \
    --screenshot "$OUT/rules-$1-$2-$3.png" 2>/dev/null
}
want rules && on_screens shoot_rules

shoot_parts() { # SIZE LANG THEME
  local w=${1%x*} h=${1#*x}
  for k in $(seq 1 "$parts"); do
    "$BOLWERK" present --windowed --width "$w" --height "$h" --lang "$2" --theme "$3" \
      --act "$k" --frames 90 --screenshot "$OUT/part-$(printf %02d "$k")-$1-$2-$3.png" 2>/dev/null
  done
}
if want parts; then
  on_screens shoot_parts
  shoot_parts 1600x900 en projector
  shoot_parts 1600x900 nl projector
  shoot_parts 1920x1080 en projector
  shoot_parts 1920x1080 en screen
fi

# A presenter with a room, windowed, with ARGS. Once the room is served, sets pid,
# code and port (declared local by the function that calls it).
with_room() { # ARGS…
  "$BOLWERK" present --windowed --audience --audience-port 0 "$@" \
    > "$OUT/.present.log" 2> "$OUT/.present.err" &
  pid=$!
  for _ in $(seq 1 200); do grep -q "^audience:" "$OUT/.present.log" && break; sleep 0.1; done
  code=$(sed -n "s/^audience: .* code: //p" "$OUT/.present.log")
  port=$(sed -n "s/^audience: http:\/\/[^ ]*:\([0-9]*\)\/ .*/\1/p" "$OUT/.present.log")
}

reveal() { # PART SIZE LANG THEME
  local w=${2%x*} h=${2#*x} name
  name=$(printf %02d "$1")-$2-$3-$4
  local pid code port
  with_room --width "$w" --height "$h" --lang "$3" --theme "$4" --act "$1"
  sleep 3
  # Thirteen participants: option indices for a choice, percentages for a number.
  local answers="0 1 1 2 1 3 1 2 2 1 1 1 0"
  curl -s "http://127.0.0.1:$port/api/state" | grep -q "\"options\":\[\]" && answers="5 10 12 15 20 20 25 30 40 8 18 22 35"
  # Each from an address of its own (127.1.0.N, loopback), as phones on a venue
  # network: one address may bring only a few new participants.
  local n=0 again=no
  curl -s "http://127.0.0.1:$port/api/state" | grep -q "\"again\":true" && again=yes
  send() { # ANSWERS: each from its phone, which keeps its cookie
    n=0
    for a in $1; do
      n=$((n + 1))
      curl -s -o /dev/null --interface "127.1.0.$n" -c "$OUT/.jar-$n" -b "$OUT/.jar-$n" \
        -H "Content-Type: application/json" \
        -d "{\"code\":\"$code\",\"answer\":$a}" "http://127.0.0.1:$port/api/answer"
    done
  }
  send "$answers"
  sleep 1
  grab "$2" "$OUT/join-$name.png"
  xdotool windowfocus --sync "$(xdotool search --name bolwerk | head -1)"
  if [[ $again == yes ]]; then
    # Asked twice: the room talks it over, then answers again, most moving to B; the
    # last phone does not answer again.
    xdotool key --clearmodifiers Next
    sleep 2
    grab "$2" "$OUT/talk-$name.png"
    xdotool key --clearmodifiers Next
    sleep 1
    send "1 1 1 2 1 1 1 1 2 1 1 1"
    sleep 1
    grab "$2" "$OUT/again-$name.png"
  fi
  xdotool key --clearmodifiers Next
  revealed "$port"
  sleep 3
  grab "$2" "$OUT/reveal-$name.png"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -f "$OUT"/.jar-*
}
want reveals && for k in $questions; do
  on_screens reveal "$k"
  reveal "$k" 1600x900 en projector
  reveal "$k" 1600x900 nl projector
  reveal "$k" 1920x1080 en projector
  reveal "$k" 1920x1080 nl screen
  reveal "$k" 960x540 en projector
done
# A question answered with a sketch (assets/scenarios/sketch-the-curve.ron, part 2):
# thirteen phones send a sketch each; sketch-… while the room draws, grow-… as the world
# grows (the count and the expectation, not yet the room), reveal-… once answered
# (the room beside the count).
sketch() { # SIZE LANG THEME
  local w=${1%x*} h=${1#*x} name=sketch-$1-$2-$3
  local pid code port n=0
  with_room assets/scenarios/sketch-the-curve.ron --width "$w" --height "$h" --lang "$2" --theme "$3" --act 2
  sleep 3
  for s in "30,22,15,12,10,8" "30,28,25,22,20,18" "29,25,20,15,12,10" "30,20,12,9,7,5" \
           "30,30,28,26,25,25" "28,24,20,18,15,14" "30,26,22,18,14,12" "31,25,18,14,10,9" \
           "30,27,24,21,19,17" "29,24,19,16,13,11" "30,29,27,25,24,23" "30,22,16,12,9,7" "29,26,23,20,17,15"; do
    n=$((n + 1))
    curl -s -o /dev/null --interface "127.1.0.$n" -H "Content-Type: application/json" \
      -d "{\"code\":\"$code\",\"sketch\":[$s]}" "http://127.0.0.1:$port/api/answer"
  done
  sleep 1
  grab "$1" "$OUT/$name-draw.png"
  xdotool windowfocus --sync "$(xdotool search --name bolwerk | head -1)"
  xdotool key --clearmodifiers Next
  sleep 4
  grab "$1" "$OUT/$name-grow.png"
  revealed "$port"
  sleep 3
  grab "$1" "$OUT/$name-reveal.png"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
if want sketch; then
  on_screens sketch
  sketch 1600x900 en projector
  sketch 1920x1080 nl projector
  sketch 1920x1080 en screen
fi
# The organisations of the room: thirteen phones enter a size (most with a guess), the trainer
# types one more (300, Enter); then the next key puts them on the curve.
organisations=$(awk "/^        \/\/ [0-9]+\./ { part = \$2 + 0 } /organisations: \(/ { print part }" assets/scenarios/interne-klanten.ron)
on_curve() { # SIZE LANG THEME
  local w=${1%x*} h=${1#*x} name=$1-$2-$3
  local pid code port n=0
  with_room --width "$w" --height "$h" --lang "$2" --theme "$3" --act "$organisations"
  sleep 3
  for entry in 8:60 25:40 40 120:25 180:15 250:30 400 900:10 1500:20 3000:5 12000:12 45000 200000:8; do
    n=$((n + 1))
    local body="{\"code\":\"$code\",\"answer\":${entry%%:*}}"
    [[ $entry == *:* ]] && body="{\"code\":\"$code\",\"answer\":${entry%%:*},\"guess\":${entry#*:}}"
    curl -s -o /dev/null --interface "127.1.0.$n" -H "Content-Type: application/json" \
      -d "$body" "http://127.0.0.1:$port/api/answer"
  done
  xdotool windowfocus --sync "$(xdotool search --name bolwerk | head -1)"
  xdotool key --clearmodifiers 3 0 0 Return 7 5
  sleep 1
  grab "$1" "$OUT/organisations-asked-$name.png"
  xdotool key --clearmodifiers BackSpace BackSpace Next
  for _ in $(seq 1 100); do
    curl -s "http://127.0.0.1:$port/api/state" | grep -q "\"open\":false" && break; sleep 0.2
  done
  sleep 2
  grab "$1" "$OUT/organisations-shown-$name.png"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
want organisations && {
  on_screens on_curve
  on_curve 1600x900 en projector
  on_curve 1600x900 nl projector
  on_curve 1920x1080 en projector
  on_curve 1920x1080 nl screen
}
# The last part with a room: the card to take the curve home.
take_home() { # SIZE LANG THEME
  local w=${1%x*} h=${1#*x}
  local pid code port
  with_room --width "$w" --height "$h" --lang "$2" --theme "$3" --act "$parts"
  sleep 5
  grab "$1" "$OUT/takehome-$1-$2-$3.png"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
want takehome && {
  on_screens take_home
  take_home 1600x900 en projector
  take_home 1600x900 nl projector
  take_home 1920x1080 en projector
  take_home 1920x1080 nl screen
}
# The console of the trainer, with a room that answered, and with the limits biting: one
# address sending twelve wrong codes and five new phones (two are refused).
console() { # SIZE LANG [talk: the question asked twice, its first round closed]
  local w=${1%x*} h=${1#*x} name=console-$1-$2${3:+-$3}
  local pid code port n
  with_room --width "$w" --height "$h" --lang "$2" --act "$first_question" \
    --console --frames 600 --screenshot "$OUT/$name.png"
  post() { curl -s -o /dev/null --interface "$1" -H "Content-Type: application/json" \
    -d "{\"code\":\"$2\",\"answer\":$3}" "http://127.0.0.1:$port/api/answer"; }
  for n in $(seq 1 13); do post "127.1.0.$n" "$code" $((n % 4)); done
  for n in $(seq 1 12); do post 127.2.0.1 WRONG1 0; done
  for n in $(seq 1 5); do post 127.3.0.1 "$code" 1; done
  if [[ ${3:-} == talk ]]; then
    xdotool windowfocus --sync "$(xdotool search --name "internal customers|interne klanten" | head -1)"
    xdotool key --clearmodifiers Next
  fi
  wait "$pid" 2>/dev/null || true
}
want console && for lang in en nl; do console 1280x720 "$lang"; console 1280x720 "$lang" talk; done

# A rehearsal (present --watch) whose last save did not load: the line on the projection, and
# the console, which says it in full.
rehearsal() { # SIZE LANG THEME
  local w=${1%x*} h=${1#*x} name=rehearsal-$1-$2-$3 dir pid
  dir=$(mktemp -d)
  "$BOLWERK" new "$dir/ours.ron" > /dev/null
  "$BOLWERK" present "$dir/ours.ron" --watch --windowed --width "$w" --height "$h" \
    --lang "$2" --theme "$3" --console --frames 300 --screenshot "$OUT/$name.png" \
    > "$dir/present.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 200); do grep -q "ours.ron" "$dir/present.log" && break; sleep 0.1; done
  sleep 3
  sed -i "s/duration: 8.0,/duration: 8.0/" "$dir/ours.ron"
  wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
}
if want rehearsal; then
  on_screens rehearsal
  rehearsal 1600x900 en projector
  rehearsal 1920x1080 nl projector
fi
rm -f "$OUT/.present.log" "$OUT/.present.err"
'

# What `bolwerk check` prints, as a terminal shows it: a session that passes, and one with
# problems.
if [[ $ONLY == all || $ONLY == check ]]; then
  dir=$(mktemp -d)
  "$BOLWERK" new "$dir/ours.ron" > /dev/null
  sed -e "s/duration: 8.0,/duration: -8.0,/" -e "s/until_employees: 6000,/until_employees: 60000,/" \
    -e "s/minutes: 2.0,/minutes: 0.0,/" "$dir/ours.ron" > "$dir/broken.ron"
  for run in "assets/scenarios/interne-klanten.ron" "$dir/broken.ron"; do
    name=check-$(basename "$run" .ron)
    (cd "$(dirname "$run")" && "$BOLWERK" check "$(basename "$run")" 2>&1 || true) |
      fold -s -w 118 > "$dir/out.txt"
    lines=$(wc -l < "$dir/out.txt")
    ffmpeg -loglevel error -y -f lavfi -i "color=c=0x1e1e1e:s=1024x$((lines * 18 + 32))" \
      -vf "drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf:expansion=none:textfile=$dir/out.txt:fontcolor=0xe6e6e6:fontsize=14:x=16:y=16:line_spacing=2" \
      -frames:v 1 "$out/$name.png"
  done
  rm -rf "$dir"
fi

# The shipped session as a course package in each language, played in Chromium in both
# themes (projector: light, screen: dark), and its text version.
if [[ $ONLY == all || $ONLY == package ]]; then
  dir=$(mktemp -d)
  export BOLWERK_NPM=$HOME/.cache/bolwerk-npm/node_modules
  for lang in en nl; do
    "$BOLWERK" record --scenario assets/scenarios/interne-klanten.ron --lang "$lang" \
      --out "$dir/$lang.webm" --size 960x540 --fps 5 --speed 1.5 --package "$dir/$lang.zip" > /dev/null
    mkdir "$dir/$lang"
    unzip -q "$dir/$lang.zip" -d "$dir/$lang"
    for theme in projector screen; do
      dark=light
      [[ $theme == screen ]] && dark=dark
      COURSE_SHOTS="package-$lang-$theme-" COURSE_THEME=$dark node tests/browser/course.mjs "$dir/$lang" \
        "$BOLWERK_NPM/scorm-again/dist/scorm12.js" '[{"choose": 1}, {"number": "20"}]' "$out" > /dev/null
      for width in 1280 1024 390; do
        node scripts/page-shot.mjs "file://$dir/$lang.$lang.transcript.html" \
          "$out/transcript-$lang-$theme-$width.png" "$width" 720 "$dark"
      done
    done
  done
  rm -rf "$dir"
fi

# Contact sheets: four pictures of one size in a 2x2 grid, at half size.
cd "$out"
for group in demo part join talk again reveal takehome; do
  for size in 1280x720 1920x1080 1600x900 1024x768 960x540; do
    mapfile -t files < <(ls $group-*"$size"*.png 2>/dev/null | sort)
    for ((i = 0; i < ${#files[@]}; i += 4)); do
      set -- "${files[@]:i:4}"
      while [ $# -lt 4 ]; do set -- "$@" "$1"; done
      ffmpeg -loglevel error -y -i "$1" -i "$2" -i "$3" -i "$4" -filter_complex \
        "[0]scale=iw/2:-1[a];[1]scale=iw/2:-1[b];[2]scale=iw/2:-1[c];[3]scale=iw/2:-1[d];[a][b]hstack[t];[c][d]hstack[u];[t][u]vstack" \
        "sheets/$group-$size-$(printf %02d $((i / 4 + 1))).png"
    done
  done
done
echo "screenshots in $out, contact sheets in $out/sheets"

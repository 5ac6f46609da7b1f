# bolwerk's interface in English. Every message here has a twin in nl.ftl (a test
# checks). Numbers arrive as numbers and are written the English way (12,500 and
# 0.0412); a count can choose its plural. The words follow docs/GLOSSARY.md.

## The language itself: its own name, its ISO 639-2 code (to tag a video's subtitle
## track), and how it writes numbers (digit groups, decimal mark).
language-name = English
language-iso639-2 = eng
number-group = ,
number-decimal = .

window-title = bolwerk — internal customers

## The panel
panel-title = bolwerk
panel-subtitle = In this model, an organisation that grows has more customer contacts, yet their share of all contacts falls: the inside grows faster than the edge.
legend-no-customer-contact = no customer contact
legend-in-customer-contact = in customer contact
legend-customers = customers
headline-caption = share of contacts with customers
headline-in-words = { $n ->
    [one] { $n } in every 100 contacts is with a customer
   *[other] { $n } in every 100 contacts are with a customer
}
headline-under-one = fewer than 1 in every 100 contacts is with a customer
headline-expected = exact expectation: { $value }%
ratio-figure = customer contacts per contact between colleagues: { $value } (exact expectation { $expected })
figure-employees-in-customer-contact = share of employees in customer contact
room-employees = { $n ->
    [one] { $n } employee
   *[other] { $n } employees
}
figure-employees = employees N
figure-radius = radius R
figure-colleague-contacts = contacts between colleagues
figure-customer = customer contacts
figure-in-customer-contact = in customer contact
figure-step = step
share = { $value }%

## The plot
plot-title = share of contacts with customers
plot-title-people = share of employees in customer contact
plot-axis-people = % of employees
plot-log = log–log
plot-expected = exact expectation
plot-counted = counted in the simulation
plot-answer = answer
plot-axis-employees = employees
plot-axis-share = % of contacts
## Controls
button-play = ▶ Play
button-pause = ⏸ Pause
button-step = ⏭ Step
button-reset = ⟲ Reset
button-apply-reset = ⟲ Apply & reset
speed = speed ×
section-model = Model (applies on reset)
growth = growth
growth-linear = linear
growth-exponential = exponential
rate-exponential = growth / step
rate-linear = new employees / step
employees-max = maximum employees
employees-start = employees at the start
rho = rho: employee density
rho-c = rho_c: customer density
contact-distance = contact distance d
seed = seed
section-view = View
view-lines = contact lines (L)
line-cap = line limit
view-customers = customers
view-boundary = boundary
view-cutaway = cut-away (C)
view-rotate = turn the camera (A)
view-plot = plot
language = language
help-hint = H: keys
recording = REC { $time }

## Keys (the help overlay)
help-title = Keys
key-pause = play / pause
key-step = one step (pauses)
key-reset = reset (applies edited settings)
key-lines = contact lines on / off
key-cutaway = cut-away: hide the near half
key-rotate = turn the camera
key-fullscreen = full screen
key-language = switch language ({ $languages })
key-screenshot = screenshot (PNG in the working folder)
key-record = start / stop recording a video (MP4 in the working folder)
key-help = this help
key-quit = quit
key-mouse = drag / scroll
key-mouse-does = turn / zoom
key-digits = 0–9, Enter
key-digits-does = on the part about your organisations: add a number of employees (Backspace erases)

## Notices
notice-not-applied = Not applied: { $reason }
notice-cannot-start = Cannot start: { $reason }
notice-line-cap = Line limit lowered from { $asked } to { $max }, the highest it can be
param-out-of-range = “{ $field }” = { $value } is out of range: it must be { $allowed }
param-too-many-agents = “{ $field }” = { $value } is too large: with at most { $cap } employees it means about { $agents } employees and customers, which would need about { $memory } of memory
param-too-many-contacts = “{ $field }” = { $value } is too large: with at most { $cap } employees it means about { $contacts } contacts to count every frame
param-too-many-agents-to-count = “{ $field }” = { $value } is too large: with at most { $cap } employees it means more employees and customers than can be counted
param-too-many-contacts-to-count = “{ $field }” = { $value } is too large: with at most { $cap } employees it means more contacts than can be counted
allowed-positive = a number above 0
allowed-non-negative = 0 or more
allowed-at-least-d = at least d = { $d }
allowed-up-to-d = between 0 and d = { $d }
allowed-employees = between 1 and { $max }
allowed-up-to-cap = between 1 and the maximum, { $cap } employees
allowed-at-least-2d = at least 2d = { $d }
allowed-fraction = a share between 0 and 1
allowed-none-for-cells = 0 for cells (a swap would move an employee into another unit)
allowed-window = { $max ->
    [one] between 1 and { $max } step
   *[other] between 1 and { $max } steps
}
allowed-above-zero-up-to-d = above 0 and at most d = { $d }
allowed-count = a whole number between 1 and { $max }
allowed-reach-unless-sphere = only Reach, unless the shape is Sphere (the other contact rules are worked out for the sphere only)

## What if? (bolwerk’s own exploration, not the essay’s)
key-compare = what if: compare shapes and contact rules
section-compare = What if? Compare shapes and contact rules
compare-on = compare (K)
compare-needs-two = pick two to four
shape-sphere = sphere
shape-disc = disc
shape-cells = cells
shape-rotation = rotation
rule-everyone = everyone with everyone
rule-fade = fading with distance
rule-cap = at most 4 colleagues
compare-grows-to-at-most = { $name }: stops at { $n } employees; beyond that, counting its contacts every frame takes too long
plot-compare-title = share of contacts with customers (dashed: exact expectation)
plot-reach-title = { $window ->
    [one] reach: had customer contact in the last step
   *[other] reach: had customer contact in the last { $window } steps
}
plot-axis-reach = reach
## The customer label (the essay’s point)
view-colleague-contacts = contacts between colleagues (purple)
colleague-contacts = { $n ->
    [one] { $n } contact between colleagues
   *[other] { $n } contacts between colleagues
}
customer-contacts = { $n ->
    [one] { $n } customer contact
   *[other] { $n } customer contacts
}
no-customer-lately = { $window ->
    [one] { $share }% of employees had no customer contact in the last step
   *[other] { $share }% of employees had no customer contact in the last { $window } steps
}

## The session
key-next-part = next part, or the answer to a question (a clicker’s Page Down)
key-previous-part = previous part (a clicker’s Page Up)
key-restart-part = this part again
key-captions = captions on / off
key-panel = panel on / off
key-black = black screen
part-of = { $part } / { $total }
# A recorded question act's two chapters: while the room answers, and the answer.
chapter-question = { $title }: question
chapter-answer = { $title }: answer
chapter-organisations-curve = { $title }: on the curve
handout-organisation-size = Your organisation, or your part of it: number of employees
handout-organisation-guess = Your estimate, in percent: what share of its contacts is with a customer? (you may leave it empty)
organisations-model-not-measured = The dots are what the model expects at each number of employees, not a measurement of anyone’s organisation.
# The presenter's console (present --console), on the trainer's screen only.
console-window-title = bolwerk: trainer’s console
console-part = Part { $part } of { $total }: { $title }
console-next = Next: { $title }
console-last = This is the last part.
console-notes = Notes (about { $minutes } min)
console-no-notes = No notes for this part.
console-part-time = part { $time }
console-session-time = session { $time }
console-clock = clock { $time }
console-question-open = The room is answering. The next key reveals the answer.
console-question-revealed = The answer is on screen.
console-question-first-round = First round: everyone answers on their own. The next key closes the round without showing the answer, so the room can talk it over.
console-question-talking = The room is talking it over: { $time } (two or three minutes is enough). The next key opens the second round.
console-first-round = First round: { $counts }.
console-pairing = Pair those who chose { $a } with those who chose { $b } (the two largest groups).
console-question-second-round = Second round: the room answers again. The next key reveals the answer and how both rounds went.
console-organisations-open = Participants are entering their organisations. Type a number of employees and press Enter to add one yourself. The next key puts them on the curve.
console-organisations-shown = The organisations are on the curve. Digits and Enter still add one.
console-room = { $participants ->
    [one] The room: { $participants } participant
   *[other] The room: { $participants } participants
}
console-room-refused = { $n ->
    [one] { $n } attempt to join refused: too many new phones from the same address
   *[other] { $n } attempts to join refused: too many new phones from the same address
}
console-room-wrong-codes = { $n ->
    [one] { $n } wrong session code
   *[other] { $n } wrong session codes
}
sketch-room-middle = room’s middle sketch
sketch-room-spread = middle half of the sketches
organisations-title = Where is your organisation?
organisations-entered = { $n ->
    [one] { $n } organisation entered
   *[other] { $n } organisations entered
}
organisations-typed = { $n ->
    [one] { $n } organisation entered, typed here
   *[other] { $n } organisations entered, { $typed } of them typed here
}
organisations-typing = { $n ->
    [one] Typed: { $n } employee. Enter adds it, Backspace erases.
   *[other] Typed: { $n } employees. Enter adds it, Backspace erases.
}
organisations-legend-room = your organisations, where the model expects them
organisations-legend-guess = your estimates
organisations-legend-examples = examples, not from the room
organisations-none = No organisations yet. Type a number of employees and press Enter to add one.
question-title = Question for the room
question-first-round = First round: everyone chooses on their own, without talking. Then you talk it over with a neighbour, and everyone chooses again.
question-talking = The first round is over; the answer comes later. Find someone who chose a different answer: which one is right, and why? Then everyone chooses again.
question-second-round = Second round: choose again; the same answer is fine too.
answer-customer-share = { $n ->
    [one] With { $n } employee, { $counted }% of all contacts are customer contacts (counted in the simulation). The model’s exact expectation: { $expected }%.
   *[other] With { $n } employees, { $counted }% of all contacts are customer contacts (counted in the simulation). The model’s exact expectation: { $expected }%.
}
answer-in-customer-contact = { $n ->
    [one] With { $n } employee, { $counted }% of them are in customer contact right now (counted in the simulation). The model’s exact expectation: { $expected }%.
   *[other] With { $n } employees, { $counted }% of them are in customer contact right now (counted in the simulation). The model’s exact expectation: { $expected }%.
}

## The handout (bolwerk handout), printed for the participants
handout-part = Part { $part } of { $total }
handout-notes = Notes for the trainer
handout-your-answer = Your answer:
handout-first-round = First round, without talking:
handout-second-round = Second round, after talking it over:
handout-your-sketch = Your sketch: the share you expect at each number of employees
handout-sketch-at = At { $n } employees: ________ %
handout-answer-later = The answer follows on the next page.
handout-curve-title = What the session showed, in one curve
handout-curve-text = As the organisation grows, contacts between colleagues grow with its volume and customer contacts only with its surface, so the share of contacts with customers falls: in this model, eight times as many employees means about half the share. The solid line was counted in the simulation; the dashed line is the model’s exact expectation.
handout-curve-world = The session’s organisation, grown in one run from { $from } to { $to } employees (seed { $seed }).
handout-credit = After Paul Iske’s essay “Interne klanten” (2017). The pictures, words and model are bolwerk’s; the argument is the essay’s.
handout-source = after Paul Iske’s essay “Interne klanten” (2017)

## The audience (present --audience): the participants' page on their phones, and the
## join card and the room's answers on the projection
audience-page-title = bolwerk: your answer
audience-code-label = The session code (on the screen)
audience-join = Take part
audience-waiting = No question yet. Keep this page open: the next question appears here by itself.
audience-start-customer-share = Now, at { $n } employees: { $share }% of all contacts are with a customer.
audience-start-in-customer-contact = Now, at { $n } employees: { $share }% of them are in customer contact.
audience-percent-label = Your estimate, in percent
audience-send = Send
audience-saved = Your answer is in. You can change it until the answer is shown.
audience-closed = The answer is on the screen now: answers are closed.
audience-model = The simulation counted { $share }.
audience-yours = You said { $answer }.
audience-wrong-code = That is not this session’s code. Look at the screen and try again.
audience-too-many = Too many answers at once. Wait a moment, then try again.
audience-too-many-joins = Many new phones have just joined from this network. Wait one minute, then try again.
audience-too-many-codes = Too many wrong codes from this network. Wait ten seconds, check the code on the screen, and try again.
audience-full = The session is full.
audience-invalid = That answer does not fit the question.
audience-empty = Type your estimate first, or use the slider.
audience-offline = No connection with the trainer’s laptop. Trying again…
audience-part = Part { $part } of { $total }
audience-credit = After Paul Iske’s essay “Interne klanten” (2017).
audience-card-title = Answer on your phone
audience-card-title-organisations = Enter your organisation on your phone
audience-card-code = code { $code }
audience-answers = { $n ->
    [one] { $n } answer
   *[other] { $n } answers
}
audience-answers-second-round = { $n ->
    [one] Second round: { $n } answer
   *[other] Second round: { $n } answers
}
audience-room = The room
audience-room-number = The room’s estimates
audience-model-mark = the simulation
audience-rounds = The room · answers in the first round: { $first }, in the second: { $second }
audience-rounds-key = outlined bar: first round · filled bar: second round
audience-moved = { $paired ->
    [one] { $paired } participant answered in both rounds; { $changed } changed their answer.
   *[other] { $paired } participants answered in both rounds; { $changed } of them changed their answer.
}
audience-moved-right = { $paired ->
    [one] { $paired } participant answered in both rounds; { $changed } changed their answer, { $right } to the one marked ✔.
   *[other] { $paired } participants answered in both rounds; { $changed } of them changed their answer, { $right } to the one marked ✔.
}
audience-moves = Changes: { $moves }
audience-first-saved = Your answer is in; you can change it until the round is over. Then talk it over with someone who chose a different answer, and choose again.
audience-talk = The first round is over. Find someone who chose a different answer: which one is right, and why? In a moment you’ll choose again.
audience-you-chose = You chose { $answer }.
audience-second-round = Second round: choose again; the same answer is fine too.
audience-second-round-first = Second round: choose again; the same answer is fine too. In the first round you chose { $first }.
audience-feedback-right = You chose { $answer }: the simulation came out there too.
audience-feedback-other = You chose { $answer }; the simulation came out at { $right }.
audience-feedback-rounds = In the first round you chose { $first }.
audience-failed = The room cannot join from their phones: { $reason }. The session goes on without them.
audience-participants = { $n ->
    [one] { $n } participant
   *[other] { $n } participants
}
audience-joins-refused = The room: attempts to join refused so far: { $n }. Each came from an address that had just sent in several new phones. If the venue’s network puts every phone behind one shared address, start bolwerk again with --audience-shared-address.
audience-codes-refused = The room: wrong session codes so far: { $n }, and one address keeps trying. Someone may be guessing the code; that address can now try only once every ten seconds.

## The card a crashed session leaves on screen (bolwerk crash-card)
crash-card-window = bolwerk: stopped
crash-card-title = bolwerk stopped on an internal error
crash-card-text = The session stopped. Please send this crash report to whoever looks after bolwerk:
crash-card-again = To go on where you were: bolwerk present --part { $part }

## The take-home page (bolwerk page): one file a participant keeps, with the model's
## curve and their own organisation on it
take-home-title = bolwerk: the curve to take home
take-home-heading = Take the curve home
take-home-intro = In the session an organisation grew from under a hundred employees to thousands. Contacts between colleagues grew with its volume, customer contacts only with its surface. This curve is the exact expectation of bolwerk’s model for the share of contacts with customers, at any size: the larger the organisation, the smaller the share.
take-home-plot-title = Share of contacts with customers, by number of employees
take-home-axis-x = employees
take-home-axis-y = % of contacts
take-home-size-label = Your organisation, or your part of it: number of employees
take-home-size-hint = Type a number from { $least } to { $most }, or use the slider.
take-home-readout = { $n ->
    [one] With { $n } employee, the model expects { $share }% of all contacts to be with customers.
   *[other] With { $n } employees, the model expects { $share }% of all contacts to be with customers.
}
take-home-out-of-range = Type a whole number of employees, from { $least } to { $most }.
take-home-caution = This is the exact expectation of the model for an organisation shaped like a sphere, not a measurement of your organisation.
take-home-rule = Rule of thumb, from a few dozen employees up: eight times as many employees, about half the share.
take-home-table-employees = Employees
take-home-table-share = Share of contacts with customers
take-home-plea-title = The essay’s plea
take-home-plea = Stop thinking in terms of internal customers: drop the idea, not only the word. A colleague is neither your customer nor your supplier. Work as equals, each adding what the others lack, and face the real customer as one team.
take-home-question-title = A question to take with you
take-home-question = Which “customer” is in fact a colleague, and what changes if you treat them as a colleague again?
take-home-offline = This page needs no connection: save it to keep it.
take-home-save = Save this page
audience-organisation-size = Your organisation, or your part of it: number of employees
audience-organisation-guess = Your estimate: what share of its contacts is with a customer, in percent? (you may leave it empty)
audience-organisation-saved = Your organisation is in. You can change it until the curve shows.
audience-organisation-closed = The room’s organisations are on the screen now.
audience-organisation-result = { $n ->
    [one] On the screen your organisation stands at { $n } employee. There the model expects { $share } of the contacts to be with a customer.
   *[other] On the screen your organisation stands at { $n } employees (rounded). There the model expects { $share } of the contacts to be with a customer.
}
audience-organisation-note = That is what the model expects for a sphere of that many employees, not a measurement of your organisation.
audience-organisation-guessed = Your estimate: { $guess }.
audience-organisation-empty = Type the number of employees first: a whole number from 1 to 1,000,000.
audience-sketch-help = Draw what you expect: above each number of employees, tap the share you expect, or drag the point. Or type the percentages below.
audience-sketch-label = Your sketch: the share at each number of employees
audience-sketch-empty = First set a point at every number of employees: tap the plot there, or type a number.
audience-sketch-result = At { $n } employees the simulation counted { $counted }; you drew { $yours }.
audience-sketch-yours = your sketch
audience-sketch-count = counted in the simulation
audience-take-home = Take the curve home: your own organisation on it, and a page you can keep.
audience-card-take-home = Take the curve home
audience-card-take-home-text = Scan, then save the page: it works without a connection.
# The debrief (present --debrief, bolwerk debrief): a PDF to look back on the session.
debrief-kicker = Debrief
debrief-document-title = Debrief: { $session }
debrief-intro = What the room answered in this session, part by part, with what the model expects beside it. Nothing here says who answered what: no names, no phones, no addresses, and organisations only at rounded sizes.
debrief-parts = The parts where the room answered
debrief-summary-none = { $part }: no answers.
debrief-summary-choice = { $n ->
    [one] { $part }: { $n } answer; { $right }% chose the model’s option.
   *[other] { $part }: { $n } answers; { $right }% chose the model’s option.
}
debrief-summary-twice = { $part }: answers in the first round { $first }, in the second { $second }; the model’s option went from { $before }% to { $after }%.
debrief-summary-number = { $n ->
    [one] { $part }: { $n } estimate, { $median }%; the model expects { $model }%.
   *[other] { $part }: { $n } estimates, the middle one { $median }%; the model expects { $model }%.
}
debrief-summary-organisations = { $n ->
    [one] { $part }: { $n } organisation, { $guessed } with an estimate.
   *[other] { $part }: { $n } organisations, { $guessed } with an estimate.
}
debrief-source = Made by bolwerk from { $log } (the answers’ log) and the session’s file.
debrief-answers = { $n ->
    [one] { $n } answer
   *[other] { $n } answers
}
debrief-rounds = Answers in the first round: { $first }; in the second: { $second }.
debrief-estimates = { $n ->
    [one] { $n } estimate, in groups of 10%
   *[other] { $n } estimates, in groups of 10%
}
debrief-median = The middle estimate: { $median }%. Half the room estimated lower, half higher.
debrief-model-number = The model expects { $share }% at { $n } employees; the bar it falls in is in colour. On the screen the simulation’s count varies around that figure; this debrief does not record it.
debrief-model-choice = The model expects { $share }% at { $n } employees: option { $option }, in colour. No option’s edge lies near this figure, so the count on the screen falls in the same option.
debrief-moved = { $paired ->
    [one] { $paired } participant answered in both rounds; { $changed } changed their answer, { $right } to the model’s option.
   *[other] { $paired } participants answered in both rounds; { $changed } of them changed their answer, { $right } to the model’s option.
}
debrief-times = { $median ->
    [one] Half the answers were in after { $median } second, the last after { $last }.
   *[other] Half the answers were in after { $median } seconds, the last after { $last }.
}
debrief-times-round = { $median ->
    [one] Round { $round }: half the answers were in after { $median } second, the last after { $last }.
   *[other] Round { $round }: half the answers were in after { $median } seconds, the last after { $last }.
}
debrief-sizes = Numbers of employees entered, rounded to 1, 2, 5, 10, 20, 50 and so on, so that a number says less about any one organisation: { $sizes }.
debrief-guesses = { $n ->
    [one] { $n } estimate of the share of contacts with customers; { $above } above what the model expects for that size.
   *[other] { $n } estimates of the share of contacts with customers; { $above } of them above what the model expects for that size.
}
debrief-summary-sketch = { $n ->
    [one] { $part }: { $n } sketch; at { $size } employees, { $middle }%; the model expects { $model }%.
   *[other] { $part }: { $n } sketches; at { $size } employees the middle one is at { $middle }%; the model expects { $model }%.
}
debrief-sketches = { $n ->
    [one] { $n } sketch: the line is that sketch.
   *[other] { $n } sketches. The line is the middle one; half the sketches lie in the band, a quarter above it and a quarter below.
}
debrief-sketch-at = { $n } employees: the middle sketch { $middle }% (middle half { $low }% to { $high }%); the model expects { $model }%.
debrief-sketch-note = The dashed curve is the model’s exact expectation; the count on the screen varies around it and is not recorded here. Each phone showed its own sketch beside that count.
debrief-written = Debrief written: { $pdf } and { $csv }
debrief-failed = The debrief could not be written: { $reason }

## Rehearsing with live reload (present --watch)
rehearsal-watching = Rehearsal: saving { $file } reloads the session.
rehearsal-texts = { $file } saved: the new texts are loaded; the part on stage runs on.
rehearsal-restarted = { $file } saved: part { $part } starts again with its new settings.
rehearsal-place = { $file }, line { $line }, column { $column }
rehearsal-place-part = { $file }, line { $line }, column { $column } (part { $part })
rehearsal-problem = { $problems ->
    [one] Not loaded: a problem at { $place }: { $what }.
   *[other] Not loaded: { $problems } problems, the first at { $place }: { $what }.
} The last good version keeps running.
rehearsal-problem-line = Not loaded: { $place }: { $what }

## A recording's text version and described video (record --scenario): what the picture shows, in words
describe-grows = The organisation grows from { $from } to { $to } employees.
describe-holds = The organisation stays at { $n } employees.
describe-share = With { $n } employees, { $share }% of all contacts are customer contacts; the model’s exact expectation is { $expected }%.
describe-people = With { $n } employees, { $share }% of them are in customer contact right now; the model’s exact expectation is { $expected }%.
describe-counter = The counter shows { $colleagues } and { $customers }.
describe-compared = { $count ->
    [2] Two
    [3] Three
   *[other] Four
} versions of the same organisation grow side by side, from { $from } to { $to } employees.
describe-compared-shape = { $shape } { $share }%
describe-compared-shares = At the end, the share of contacts with customers is: { $shares }.
describe-asked = The organisation stays at { $n } employees while the question is on screen.
describe-gathered = The organisation stays at { $n } employees while the room is asked about its own organisations.
describe-on-curve = { $count ->
    [one] An example organisation of about { $sizes } employees appears as a grey diamond on the model’s dashed curve.
   *[other] Example organisations of about { $sizes } employees appear as grey diamonds on the model’s dashed curve.
}
describe-and = and
transcript-title = { $title }: the text version
transcript-intro = The video has no sound. This text describes, part by part, what the video shows: the caption on screen, the picture, and each question for the room with the answer counted in this recording.
transcript-part = Part { $part } of { $total } (from { $time }): { $title }
transcript-picture = What the picture shows
right-answer = The right answer is { $letter }: { $option }.
transcript-made = Made with bolwerk { $version } from the session “{ $title }”: { $seconds } seconds of video, seed { $seed }.

## A course package (record --package): the player a learner sees
course-chapters = Chapters
course-question = Question { $k } of { $total }
course-number = Your answer, in percent
course-check = Check
course-sketch = Take pen and paper: sketch how you expect the share to change as the organisation grows. Then see what the simulation counted.
course-show = Show the answer
course-right = Right.
course-wrong = Not quite.
course-within = { $tolerance ->
    [one] An answer within { $tolerance } percentage point of the counted share is right.
   *[other] An answer within { $tolerance } percentage points of the counted share is right.
}
course-continue = Continue
course-first = Answer the question first; then the video goes on.
course-bad-number = Enter a number from 0 to 100.
course-score = { $total ->
    [one] You answered { $right } of { $total } question right.
   *[other] You answered { $right } of { $total } questions right.
}
course-done = You have seen the whole video.
course-text-version = The text version of this video

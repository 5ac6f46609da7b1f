# bolwerk's interface in English. Every message here has a twin in nl.ftl (a test
# checks). Placeables like { $value } arrive already formatted for the language.

window-title = bolwerk — internal customers

## The panel
panel-title = bolwerk
panel-subtitle = As an organisation grows, its customer contacts shrink relative to its internal ones.
legend-back-office = back office
legend-front-office = front office
legend-customers = customers
ratio-caption = customer contacts per internal contact
ratio-theory = theory { $value } (falls as 1/R)
figure-employees = employees N
figure-radius = radius R
figure-internal = internal contacts
figure-customer = customer contacts
figure-front-office = front office
figure-tick = tick

## The plot
plot-title = ratio against R
plot-log = log–log
plot-theory = theory: 1/R law
plot-measured = measured
plot-axis-r = R
plot-axis-ratio = ratio
plot-axis-log-r = log₁₀ R
plot-axis-log-ratio = log₁₀ ratio

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
rate-exponential = rate / tick
rate-linear = hires / tick
head-count-cap = head-count cap
start-head-count = start head count
rho = rho: employee density
rho-c = rho_c: customer density
contact-distance = contact distance d
seed = seed
section-view = View
view-lines = interaction lines (L)
line-cap = line cap
view-customers = customers
view-boundary = boundary
view-cutaway = cut-away (C)
view-rotate = auto-rotate (A)
view-plot = plot
language = language
language-en = English
language-nl = Nederlands
help-hint = H: keys
recording = REC { $time }

## Keys (the help overlay)
help-title = Keys
key-pause = play / pause
key-step = one step (pauses)
key-reset = reset (applies edited settings)
key-lines = interaction lines on / off
key-cutaway = cut-away: hide the near half
key-rotate = rotate the camera
key-fullscreen = fullscreen
key-language = switch language (English / Dutch)
key-screenshot = screenshot (PNG in the working folder)
key-record = start / stop recording a video (MP4 in the working folder)
key-help = this help
key-quit = quit
key-mouse = drag / scroll
key-mouse-does = rotate / zoom

## Notices
notice-not-applied = Not applied: { $reason }
notice-cannot-start = Cannot start: { $reason }
notice-line-cap = Line cap { $asked } lowered to the maximum, { $max }
param-out-of-range = `{ $field }` = { $value } is out of range: it must be { $allowed }
param-too-many-agents = `{ $field }` = { $value } is too large: with a cap of { $cap } employees it means about { $agents } agents, which would need about { $memory } of memory
param-too-many-contacts = `{ $field }` = { $value } is too large: with a cap of { $cap } employees it means about { $contacts } contacts to count every frame
allowed-positive = a number above 0
allowed-non-negative = a number of at least 0
allowed-at-least-d = at least d = { $d }
allowed-up-to-d = between 0 and d = { $d }
allowed-head-count = between 1 and { $max }
allowed-up-to-cap = between 1 and the cap, { $cap }
allowed-at-least-2d = at least 2d = { $d }
allowed-fraction = a share between 0 and 1
allowed-none-for-cells = 0 for cells (a swap would move an employee into another unit)
allowed-window = between 1 and { $max } ticks
key-compare = compare shapes: sphere, disc, cells, rotation
section-compare = What if? Compare shapes
compare-on = compare (K)
compare-needs-two = pick two to four shapes
shape-sphere = sphere
shape-disc = disc (flat)
shape-cells = cells
shape-rotation = rotation
plot-compare-title = customer ratio against head count
plot-axis-n = employees N
plot-axis-log-n = log₁₀ N
plot-reach-title = reach: met a customer in the last { $window } ticks
plot-axis-reach = reach
plot-theory-of = { $shape }: theory
plot-theory-shape = theory (exact)
view-internal-customers = internal customers
internal-served = { $n } contacts with "internal customers" (colleagues)
customers-met = { $n } contacts with real customers
no-customer-lately = { $share } % of employees met no customer in the last { $window } ticks
legend-supplier-line = internal customer–supplier link
key-next-act = next act (a clicker's Page Down)
key-previous-act = previous act (a clicker's Page Up)
key-restart-act = restart this act
key-captions = captions on / off
key-panel = control panel on / off
key-black = black screen
act-of = { $act } / { $total }

# De interface van bolwerk in het Nederlands. Elk bericht hier heeft een tweeling in
# en.ftl (een test controleert dat). Waarden als { $value } komen al opgemaakt binnen.

window-title = bolwerk — interne klanten

## Het paneel
panel-title = bolwerk
panel-subtitle = Naarmate een organisatie groeit, krimpen haar klantcontacten ten opzichte van de interne.
legend-back-office = backoffice
legend-front-office = frontoffice
legend-customers = klanten
ratio-caption = klantcontacten per intern contact
ratio-theory = theorie { $value } (daalt als 1/R)
figure-employees = medewerkers N
figure-radius = straal R
figure-internal = interne contacten
figure-customer = klantcontacten
figure-front-office = frontoffice
figure-tick = tik

## De grafiek
plot-title = verhouding tegen R
plot-log = log–log
plot-theory = theorie: 1/R-wet
plot-measured = gemeten
plot-axis-r = R
plot-axis-ratio = verhouding
plot-axis-log-r = log₁₀ R
plot-axis-log-ratio = log₁₀ verhouding

## Bediening
button-play = ▶ Start
button-pause = ⏸ Pauze
button-step = ⏭ Stap
button-reset = ⟲ Opnieuw
button-apply-reset = ⟲ Toepassen en opnieuw
speed = snelheid ×
section-model = Model (geldt na opnieuw starten)
growth = groei
growth-linear = lineair
growth-exponential = exponentieel
rate-exponential = groei / tik
rate-linear = nieuwe mensen / tik
head-count-cap = maximale bezetting
start-head-count = bezetting bij de start
rho = rho: dichtheid medewerkers
rho-c = rho_c: dichtheid klanten
contact-distance = contactafstand d
seed = startgetal
section-view = Weergave
view-lines = interactielijnen (L)
line-cap = maximum aantal lijnen
view-customers = klanten
view-boundary = rand
view-cutaway = doorsnede (C)
view-rotate = automatisch draaien (A)
view-plot = grafiek
language = taal
language-en = English
language-nl = Nederlands
help-hint = H: toetsen
recording = OPNAME { $time }

## Toetsen (de hulp)
help-title = Toetsen
key-pause = start / pauze
key-step = één stap (pauzeert)
key-reset = opnieuw (past gewijzigde instellingen toe)
key-lines = interactielijnen aan / uit
key-cutaway = doorsnede: verberg de voorste helft
key-rotate = camera laten draaien
key-fullscreen = volledig scherm
key-language = wissel van taal (Engels / Nederlands)
key-screenshot = schermafbeelding (PNG in de werkmap)
key-record = video-opname starten / stoppen (MP4 in de werkmap)
key-help = deze hulp
key-quit = afsluiten
key-mouse = slepen / scrollen
key-mouse-does = draaien / zoomen

## Meldingen
notice-not-applied = Niet toegepast: { $reason }
notice-cannot-start = Kan niet starten: { $reason }
notice-line-cap = Maximum aantal lijnen { $asked } verlaagd tot het maximum, { $max }
param-out-of-range = `{ $field }` = { $value } valt buiten het bereik: het moet { $allowed } zijn
param-too-many-agents = `{ $field }` = { $value } is te groot: bij een maximum van { $cap } medewerkers betekent dat ongeveer { $agents } agenten, waarvoor ongeveer { $memory } geheugen nodig zou zijn
param-too-many-contacts = `{ $field }` = { $value } is te groot: bij een maximum van { $cap } medewerkers betekent dat ongeveer { $contacts } contacten om elk beeld te tellen
allowed-positive = een getal boven 0
allowed-non-negative = een getal van minstens 0
allowed-at-least-d = minstens d = { $d }
allowed-up-to-d = tussen 0 en d = { $d }
allowed-head-count = tussen 1 en { $max }
allowed-up-to-cap = tussen 1 en het maximum, { $cap }
allowed-at-least-2d = minstens 2d = { $d }
allowed-fraction = een aandeel tussen 0 en 1
allowed-none-for-cells = 0 bij cellen (een wissel zou een medewerker naar een andere eenheid verplaatsen)
allowed-window = tussen 1 en { $max } tikken
key-compare = vormen vergelijken: bol, schijf, cellen, rotatie
section-compare = Wat als? Vormen vergelijken
compare-on = vergelijken (K)
compare-needs-two = kies twee tot vier vormen
shape-sphere = bol
shape-disc = schijf (plat)
shape-cells = cellen
shape-rotation = rotatie
plot-compare-title = klantverhouding tegen bezetting
plot-axis-n = medewerkers N
plot-axis-log-n = log₁₀ N
plot-reach-title = bereik: klant gesproken in de laatste { $window } tikken
plot-axis-reach = bereik
plot-theory-of = { $shape }: theorie
plot-theory-shape = theorie (exact)
view-internal-customers = interne klanten
internal-served = { $n } contacten met "interne klanten" (collega's)
customers-met = { $n } contacten met echte klanten
no-customer-lately = { $share } % van de medewerkers sprak geen klant in de laatste { $window } tikken
legend-supplier-line = interne klant–leverancierrelatie
key-next-act = volgende akte (Page Down van een presenter)
key-previous-act = vorige akte (Page Up van een presenter)
key-restart-act = deze akte opnieuw
key-captions = bijschriften aan / uit
key-panel = bedieningspaneel aan / uit
key-black = zwart scherm
act-of = { $act } / { $total }

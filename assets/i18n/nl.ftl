# De interface van bolwerk in het Nederlands. Elk bericht hier heeft een tweeling in
# en.ftl (een test controleert dat). Getallen komen binnen als getal en worden op zijn
# Nederlands geschreven (12.500 en 0,0412); een aantal kiest zelf enkelvoud of
# meervoud. De woorden volgen docs/GLOSSARY.md.

## De taal zelf: haar eigen naam, de ISO 639-2-code (voor het ondertitelspoor van een
## video) en hoe ze getallen schrijft (groepen van drie cijfers, decimaalteken).
language-name = Nederlands
language-iso639-2 = nld
number-group = .
number-decimal = ,

window-title = bolwerk — interne klanten

## Het paneel
panel-title = bolwerk
panel-subtitle = In dit model krijgt een organisatie die groeit meer klantcontacten, maar daalt hun aandeel in alle contacten: de binnenkant groeit sneller dan de rand.
legend-no-customer-contact = zonder klantcontact
legend-in-customer-contact = met klantcontact
legend-customers = klanten
headline-caption = aandeel klantcontacten
headline-in-words = { $n ->
    [one] van elke 100 contacten is er { $n } met een klant
   *[other] van elke 100 contacten zijn er { $n } met een klant
}
headline-under-one = van elke 100 contacten is er minder dan 1 met een klant
headline-expected = exacte verwachting: { $value }%
ratio-figure = klantcontacten per contact tussen collega’s: { $value } (exacte verwachting { $expected })
figure-employees-in-customer-contact = aandeel medewerkers met klantcontact
room-employees = { $n ->
    [one] { $n } medewerker
   *[other] { $n } medewerkers
}
figure-employees = medewerkers N
figure-radius = straal R
figure-colleague-contacts = contacten tussen collega’s
figure-customer = klantcontacten
figure-in-customer-contact = met klantcontact
figure-step = stap
share = { $value }%

## De grafiek
plot-title = aandeel klantcontacten
plot-title-people = aandeel medewerkers met klantcontact
plot-axis-people = % van de medewerkers
plot-log = log–log
plot-expected = exacte verwachting
plot-counted = geteld in de simulatie
plot-answer = antwoord
plot-axis-employees = medewerkers
plot-axis-share = % van de contacten
## Bediening
button-play = ▶ Start
button-pause = ⏸ Pauze
button-step = ⏭ Stap
button-reset = ⟲ Opnieuw
button-apply-reset = ⟲ Toepassen en opnieuw
speed = snelheid ×
section-model = Model (geldt na opnieuw beginnen)
growth = groei
growth-linear = lineair
growth-exponential = exponentieel
rate-exponential = groei per stap
rate-linear = nieuwe medewerkers per stap
employees-max = maximaal aantal medewerkers
employees-start = medewerkers bij de start
rho = rho: dichtheid van medewerkers
rho-c = rho_c: dichtheid van klanten
contact-distance = contactafstand d
seed = startgetal
section-view = Weergave
view-lines = contactlijnen (L)
line-cap = maximaal aantal lijnen
view-customers = klanten
view-boundary = rand
view-cutaway = doorsnede (C)
view-rotate = camera laten draaien (A)
view-plot = grafiek
language = taal
help-hint = H: toetsen
recording = OPNAME { $time }

## Toetsen (de hulp)
help-title = Toetsen
key-pause = start / pauze
key-step = één stap (en dan pauze)
key-reset = opnieuw beginnen (met de gewijzigde instellingen)
key-lines = contactlijnen aan / uit
key-cutaway = doorsnede: verberg de voorste helft
key-rotate = camera laten draaien
key-fullscreen = volledig scherm
key-language = andere taal ({ $languages })
key-screenshot = schermafbeelding (PNG in de werkmap)
key-record = video-opname starten / stoppen (MP4 in de werkmap)
key-help = deze hulp
key-quit = afsluiten
key-mouse = slepen / scrollen
key-mouse-does = draaien / zoomen
key-digits = 0–9, Enter
key-digits-does = bij het deel over jullie organisaties: een aantal medewerkers toevoegen (Backspace wist)

## Meldingen
notice-not-applied = Niet toegepast: { $reason }
notice-cannot-start = Kan niet beginnen: { $reason }
notice-line-cap = Maximaal aantal lijnen verlaagd van { $asked } naar { $max }: hoger kan niet
param-out-of-range = “{ $field }” = { $value } valt buiten het bereik; toegestaan: { $allowed }
param-too-many-agents = “{ $field }” = { $value } is te groot: bij hoogstens { $cap } medewerkers komt dat neer op ongeveer { $agents } medewerkers en klanten, en daarvoor is ongeveer { $memory } geheugen nodig
param-too-many-contacts = “{ $field }” = { $value } is te groot: bij hoogstens { $cap } medewerkers komt dat neer op ongeveer { $contacts } contacten om elk beeld te tellen
param-too-many-agents-to-count = “{ $field }” = { $value } is te groot: bij hoogstens { $cap } medewerkers komt dat neer op meer medewerkers en klanten dan er te tellen zijn
param-too-many-contacts-to-count = “{ $field }” = { $value } is te groot: bij hoogstens { $cap } medewerkers komt dat neer op meer contacten dan er te tellen zijn
allowed-positive = een getal boven 0
allowed-non-negative = 0 of meer
allowed-at-least-d = minstens d = { $d }
allowed-up-to-d = tussen 0 en d = { $d }
allowed-employees = tussen 1 en { $max }
allowed-up-to-cap = tussen 1 en het maximale aantal medewerkers, { $cap }
allowed-at-least-2d = minstens 2d = { $d }
allowed-fraction = een aandeel tussen 0 en 1
allowed-none-for-cells = 0 bij cellen (een wissel zou een medewerker naar een andere eenheid verplaatsen)
allowed-above-zero-up-to-d = een getal boven 0 en hoogstens d = { $d }
allowed-count = een geheel getal tussen 1 en { $max }
allowed-reach-unless-sphere = alleen Reach, tenzij de vorm Sphere is (de andere contactregels zijn alleen voor de bol uitgewerkt)
allowed-window = { $max ->
    [one] tussen 1 en { $max } stap
   *[other] tussen 1 en { $max } stappen
}

## Wat als? (een eigen verkenning van bolwerk, niet uit het essay)
key-compare = wat als: vormen en contactregels vergelijken
section-compare = Wat als? Vormen en contactregels vergelijken
compare-on = vergelijken (K)
compare-needs-two = kies er twee tot vier
shape-sphere = bol
shape-disc = schijf
shape-cells = cellen
shape-rotation = rotatie
rule-everyone = iedereen met iedereen
rule-fade = afnemend met afstand
rule-cap = hoogstens 4 collega’s
compare-grows-to-at-most = { $name }: groeit niet verder dan { $n } medewerkers; daarboven kost het te veel rekenwerk om de contacten elk beeld opnieuw te tellen
plot-compare-title = aandeel klantcontacten (stippellijn: exacte verwachting)
plot-reach-title = { $window ->
    [one] bereik: had klantcontact in de laatste stap
   *[other] bereik: had klantcontact in de laatste { $window } stappen
}
plot-axis-reach = bereik
## Het etiket “klant” (waar het essay om draait)
view-colleague-contacts = contacten tussen collega’s (paars)
colleague-contacts = { $n ->
    [one] { $n } contact tussen collega’s
   *[other] { $n } contacten tussen collega’s
}
customer-contacts = { $n ->
    [one] { $n } klantcontact
   *[other] { $n } klantcontacten
}
no-customer-lately = { $window ->
    [one] { $share }% van de medewerkers had in de laatste stap geen klantcontact
   *[other] { $share }% van de medewerkers had in de laatste { $window } stappen geen klantcontact
}

## De sessie
key-next-part = volgend deel, of het antwoord op een vraag (Page Down van een presenter)
key-previous-part = vorig deel (Page Up van een presenter)
key-restart-part = dit deel opnieuw
key-captions = bijschriften aan / uit
key-panel = paneel aan / uit
key-black = zwart scherm
part-of = { $part } / { $total }
# A recorded question act's two chapters: while the room answers, and the answer.
chapter-question = { $title }: vraag
chapter-answer = { $title }: antwoord
chapter-organisations-curve = { $title }: op de curve
handout-organisation-size = Jouw organisatie, of jouw deel ervan: aantal medewerkers
handout-organisation-guess = Jouw schatting: hoeveel procent van de contacten is met een klant? (mag leeg blijven)
organisations-model-not-measured = De stippen zijn wat het model verwacht bij elk aantal medewerkers, geen meting van iemands organisatie.
# De console van de trainer (present --console), alleen op het scherm van de trainer.
console-window-title = bolwerk: console voor de trainer
console-part = Deel { $part } van { $total }: { $title }
console-next = Hierna: { $title }
console-last = Dit is het laatste deel.
console-notes = Aantekeningen (ongeveer { $minutes } min)
console-no-notes = Geen aantekeningen bij dit deel.
console-part-time = deel { $time }
console-session-time = sessie { $time }
console-clock = klok { $time }
console-question-open = De zaal geeft antwoord. Met de volgende toets verschijnt het antwoord.
console-question-revealed = Het antwoord staat op het scherm.
console-question-first-round = Eerste ronde: ieder antwoordt voor zich. Met de volgende toets sluit de ronde, zonder het antwoord te tonen; daarna bespreekt de zaal de vraag.
console-question-talking = De zaal bespreekt de vraag: { $time } (twee à drie minuten is genoeg). Met de volgende toets begint de tweede ronde.
console-first-round = Eerste ronde: { $counts }.
console-pairing = Koppel wie { $a } koos aan wie { $b } koos (de twee grootste groepen).
console-question-second-round = Tweede ronde: de zaal antwoordt opnieuw. Met de volgende toets verschijnt het antwoord, en hoe beide rondes gingen.
console-organisations-open = De deelnemers voeren hun organisaties in. Typ een aantal medewerkers en druk op Enter om er zelf een toe te voegen. Met de volgende toets komen ze op de curve.
console-organisations-shown = De organisaties staan op de curve. Cijfers en Enter voegen er nog een toe.
console-room = { $participants ->
    [one] De zaal: { $participants } deelnemer
   *[other] De zaal: { $participants } deelnemers
}
console-room-refused = { $n ->
    [one] { $n } aanmelding geweigerd: te veel nieuwe telefoons vanaf hetzelfde adres
   *[other] { $n } aanmeldingen geweigerd: te veel nieuwe telefoons vanaf hetzelfde adres
}
console-room-wrong-codes = { $n ->
    [one] { $n } verkeerde sessiecode
   *[other] { $n } verkeerde sessiecodes
}
sketch-room-middle = middelste schets van de zaal
sketch-room-spread = middelste helft van de schetsen
organisations-title = Waar staat jouw organisatie?
organisations-entered = { $n ->
    [one] { $n } organisatie ingevoerd
   *[other] { $n } organisaties ingevoerd
}
organisations-typed = { $n ->
    [one] { $n } organisatie ingevoerd, hier getypt
   *[other] { $n } organisaties ingevoerd, waarvan { $typed } hier getypt
}
organisations-typing = { $n ->
    [one] Getypt: { $n } medewerker. Enter voegt toe, Backspace wist.
   *[other] Getypt: { $n } medewerkers. Enter voegt toe, Backspace wist.
}
organisations-legend-room = jullie organisaties, waar het model ze verwacht
organisations-legend-guess = jullie schattingen
organisations-legend-examples = voorbeelden, niet uit de zaal
organisations-none = Nog geen organisaties. Typ een aantal medewerkers en druk op Enter om er een toe te voegen.
question-title = Vraag aan de zaal
question-first-round = Eerste ronde: kies eerst zelf, zonder te overleggen. Daarna bespreek je het met je buurman of buurvrouw, en kiest iedereen opnieuw.
question-talking = De eerste ronde zit erop; het antwoord komt straks. Zoek iemand die een ander antwoord koos: welk antwoord klopt, en waarom? Daarna kiest iedereen opnieuw.
question-second-round = Tweede ronde: kies opnieuw; hetzelfde mag ook.
answer-customer-share = { $n ->
    [one] Bij { $n } medewerker is { $counted }% van alle contacten een klantcontact (geteld in de simulatie). De exacte verwachting van het model: { $expected }%.
   *[other] Bij { $n } medewerkers is { $counted }% van alle contacten een klantcontact (geteld in de simulatie). De exacte verwachting van het model: { $expected }%.
}
answer-in-customer-contact = { $n ->
    [one] Bij { $n } medewerker heeft nu { $counted }% van hen klantcontact (geteld in de simulatie). De exacte verwachting van het model: { $expected }%.
   *[other] Bij { $n } medewerkers heeft nu { $counted }% van hen klantcontact (geteld in de simulatie). De exacte verwachting van het model: { $expected }%.
}

## De hand-out (bolwerk handout), geprint voor de deelnemers
handout-part = Deel { $part } van { $total }
handout-notes = Aantekeningen voor de trainer
handout-your-answer = Jouw antwoord:
handout-first-round = Eerste ronde, zonder overleg:
handout-second-round = Tweede ronde, na het bespreken:
handout-your-sketch = Jouw schets: het aandeel dat je verwacht bij elk aantal medewerkers
handout-sketch-at = Bij { $n } medewerkers: ________ %
handout-answer-later = Het antwoord staat op de volgende pagina.
handout-curve-title = Wat de sessie liet zien, in één grafiek
handout-curve-text = Groeit de organisatie, dan groeien de contacten tussen collega’s met haar volume mee en de klantcontacten alleen met haar oppervlak. Zo daalt het aandeel klantcontacten: in dit model wordt het bij acht keer zoveel medewerkers ongeveer half zo groot. De doorgetrokken lijn is geteld in de simulatie, de stippellijn is de exacte verwachting van het model.
handout-curve-world = De organisatie uit de sessie, zonder onderbreking gegroeid van { $from } tot { $to } medewerkers (startgetal { $seed }).
handout-credit = Naar het essay “Interne klanten” van Paul Iske (2017). Beelden, woorden en model zijn van bolwerk; de redenering is die van het essay.
handout-source = naar het essay “Interne klanten” van Paul Iske (2017)

## Het publiek (present --audience): de pagina op de telefoons van de deelnemers, en de
## deelnamekaart en de antwoorden van de zaal op het scherm
audience-page-title = bolwerk: jouw antwoord
audience-code-label = De sessiecode (staat op het scherm)
audience-join = Doe mee
audience-waiting = Nog geen vraag. Laat deze pagina openstaan: de volgende vraag verschijnt hier vanzelf.
audience-start-customer-share = Nu, bij { $n } medewerkers: { $share }% van alle contacten is klantcontact.
audience-start-in-customer-contact = Nu, bij { $n } medewerkers: { $share }% van hen heeft klantcontact.
audience-percent-label = Jouw schatting, in procenten
audience-send = Versturen
audience-saved = Je antwoord is binnen. Je kunt het nog veranderen tot het antwoord op het scherm staat.
audience-closed = Het antwoord staat nu op het scherm: antwoorden kan niet meer.
audience-model = De simulatie telde { $share }.
audience-yours = Jij zei { $answer }.
audience-wrong-code = Dat is niet de code van deze sessie. Kijk op het scherm en probeer het opnieuw.
audience-too-many = Te veel antwoorden tegelijk. Wacht even en probeer het dan opnieuw.
audience-too-many-joins = Via dit netwerk hebben zich net veel nieuwe telefoons aangemeld. Wacht een minuut en probeer het dan opnieuw.
audience-too-many-codes = Er zijn via dit netwerk te veel verkeerde codes ingevoerd. Wacht tien seconden, kijk op het scherm naar de code en probeer het opnieuw.
audience-full = De sessie zit vol.
audience-invalid = Dat antwoord past niet bij de vraag.
audience-empty = Typ eerst je schatting of gebruik de schuifregelaar.
audience-offline = Geen verbinding met de laptop van de trainer. We proberen het opnieuw…
audience-part = Deel { $part } van { $total }
audience-credit = Naar het essay “Interne klanten” van Paul Iske (2017).
audience-card-title = Antwoorden via je telefoon
audience-card-title-organisations = Voer je organisatie in op je telefoon
audience-card-code = code { $code }
audience-answers = { $n ->
    [one] { $n } antwoord
   *[other] { $n } antwoorden
}
audience-answers-second-round = { $n ->
    [one] Tweede ronde: { $n } antwoord
   *[other] Tweede ronde: { $n } antwoorden
}
audience-room = De zaal
audience-room-number = De schattingen van de zaal
audience-model-mark = de simulatie
audience-rounds = De zaal · antwoorden in de eerste ronde: { $first }, in de tweede: { $second }
audience-rounds-key = open balk: eerste ronde · volle balk: tweede ronde
audience-moved = { $changed ->
    [one] In beide rondes geantwoord: { $paired }; daarvan koos { $changed } een ander antwoord.
   *[other] In beide rondes geantwoord: { $paired }; daarvan kozen { $changed } een ander antwoord.
}
audience-moved-right = { $changed ->
    [one] In beide rondes geantwoord: { $paired }; daarvan koos { $changed } een ander antwoord, { $right } van hen het antwoord met ✔.
   *[other] In beide rondes geantwoord: { $paired }; daarvan kozen { $changed } een ander antwoord, { $right } van hen het antwoord met ✔.
}
audience-moves = Overgestapt: { $moves }
audience-first-saved = Je antwoord is binnen; je kunt het nog veranderen tot de ronde erop zit. Bespreek het daarna met iemand die een ander antwoord koos, en kies opnieuw.
audience-talk = De eerste ronde zit erop. Zoek iemand die een ander antwoord koos: welk antwoord klopt, en waarom? Zo meteen kies je opnieuw.
audience-you-chose = Jij koos { $answer }.
audience-second-round = Tweede ronde: kies opnieuw; hetzelfde mag ook.
audience-second-round-first = Tweede ronde: kies opnieuw; hetzelfde mag ook. In de eerste ronde koos je { $first }.
audience-feedback-right = Jij koos { $answer }: daar kwam de simulatie ook uit.
audience-feedback-other = Jij koos { $answer }; de simulatie kwam uit bij { $right }.
audience-feedback-rounds = In de eerste ronde koos je { $first }.
audience-failed = De zaal kan niet met de telefoon meedoen: { $reason }. De sessie gaat gewoon door.
audience-participants = { $n ->
    [one] { $n } deelnemer
   *[other] { $n } deelnemers
}
audience-joins-refused = De zaal: geweigerde aanmeldingen tot nu toe: { $n }. Ze kwamen steeds van een adres waar net al een paar nieuwe telefoons vandaan kwamen. Delen alle telefoons hier één adres (zoals op sommige gastennetwerken achter één router), start bolwerk dan opnieuw met --audience-shared-address.
audience-codes-refused = De zaal: verkeerde sessiecodes tot nu toe: { $n }, steeds vanaf hetzelfde adres. Misschien raadt iemand naar de code; dat adres mag nu nog maar één keer per tien seconden een code invoeren.

## De kaart die een vastgelopen sessie op het scherm laat (bolwerk crash-card)
crash-card-window = bolwerk: gestopt
crash-card-title = bolwerk is gestopt door een interne fout
crash-card-text = De sessie is gestopt. Stuur dit foutrapport naar wie bolwerk onderhoudt:
crash-card-again = Verder waar je gebleven was: bolwerk present --part { $part }

## De pagina om mee te nemen (bolwerk page): één bestand dat een deelnemer bewaart, met
## de curve van het model en de eigen organisatie erop
take-home-title = bolwerk: de curve om mee te nemen
take-home-heading = Neem de curve mee
take-home-intro = In de sessie groeide een organisatie van minder dan honderd medewerkers tot duizenden. De contacten tussen collega’s groeiden met haar volume mee, de klantcontacten alleen met haar oppervlak. Deze curve is de exacte verwachting van het model van bolwerk voor het aandeel klantcontacten, bij elke omvang: hoe groter de organisatie, hoe kleiner dat aandeel.
take-home-plot-title = Aandeel klantcontacten, naar aantal medewerkers
take-home-axis-x = medewerkers
take-home-axis-y = % van de contacten
take-home-size-label = Jouw organisatie, of jouw deel ervan: aantal medewerkers
take-home-size-hint = Typ een getal van { $least } tot en met { $most }, of gebruik de schuifregelaar.
take-home-readout = { $n ->
    [one] Bij { $n } medewerker verwacht het model dat { $share }% van alle contacten een klantcontact is.
   *[other] Bij { $n } medewerkers verwacht het model dat { $share }% van alle contacten een klantcontact is.
}
take-home-out-of-range = Typ een aantal medewerkers als geheel getal, van { $least } tot en met { $most }.
take-home-caution = Dit is de exacte verwachting van het model voor een organisatie in de vorm van een bol, geen meting van jouw organisatie.
take-home-rule = Vuistregel, vanaf enkele tientallen medewerkers: wordt het aantal medewerkers acht keer zo groot, dan halveert het aandeel klantcontacten ongeveer.
take-home-table-employees = Medewerkers
take-home-table-share = Aandeel klantcontacten
take-home-plea-title = Het pleidooi van het essay
take-home-plea = Stop met denken in interne klanten: laat het idee los, niet alleen het woord. Een collega is geen klant en geen leverancier. Werk samen als gelijken, ieder met een bijdrage die de ander aanvult, en zet je als één team in voor de klant buiten de organisatie.
take-home-question-title = Een vraag om mee te nemen
take-home-question = Welke “klant” is eigenlijk een collega, en wat verandert er als je die weer als collega behandelt?
take-home-offline = Deze pagina werkt ook zonder verbinding: sla haar op, dan heb je haar altijd bij de hand.
take-home-save = Bewaar deze pagina
audience-organisation-size = Jouw organisatie, of jouw deel ervan: aantal medewerkers
audience-organisation-guess = Jouw schatting: hoeveel procent van de contacten is met een klant? (mag leeg blijven)
audience-organisation-saved = Je organisatie is binnen. Je kunt haar nog veranderen tot de curve verschijnt.
audience-organisation-closed = De organisaties van de zaal staan nu op het scherm.
audience-organisation-result = { $n ->
    [one] Op het scherm staat jouw organisatie bij { $n } medewerker. Daar verwacht het model dat { $share } van de contacten met een klant is.
   *[other] Op het scherm staat jouw organisatie bij { $n } medewerkers (afgerond). Daar verwacht het model dat { $share } van de contacten met een klant is.
}
audience-organisation-note = Dat verwacht het model voor een bol met zoveel medewerkers; het is geen meting van jouw organisatie.
audience-organisation-guessed = Jouw schatting: { $guess }.
audience-organisation-empty = Typ eerst het aantal medewerkers: een geheel getal van 1 tot en met 1.000.000.
audience-sketch-help = Teken wat je verwacht: raak boven elk aantal medewerkers het aandeel aan dat je verwacht, of sleep het punt. Of typ de procenten hieronder.
audience-sketch-label = Jouw schets: het aandeel bij elk aantal medewerkers
audience-sketch-empty = Zet eerst bij elk aantal medewerkers een punt: raak de grafiek daar aan, of typ een getal.
audience-sketch-result = Bij { $n } medewerkers telde de simulatie { $counted }; jij tekende { $yours }.
audience-sketch-yours = jouw schets
audience-sketch-count = geteld in de simulatie
audience-take-home = Neem de curve mee: zet je eigen organisatie erop en bewaar de pagina.
audience-card-take-home = Neem de curve mee
audience-card-take-home-text = Scan en bewaar de pagina: die werkt ook zonder verbinding.
# De nabespreking (present --debrief, bolwerk debrief): een pdf om op de sessie terug te kijken.
debrief-kicker = Nabespreking
debrief-document-title = Nabespreking: { $session }
debrief-intro = Wat de zaal antwoordde in deze sessie, deel voor deel, met ernaast wat het model verwacht. Wie wat antwoordde, staat er nergens in: geen namen, geen telefoons, geen adressen, en organisaties alleen op afgeronde grootte.
debrief-parts = De delen waarin de zaal antwoordde
debrief-summary-none = { $part }: geen antwoorden.
debrief-summary-choice = { $n ->
    [one] { $part }: { $n } antwoord; { $right }% koos de optie van het model.
   *[other] { $part }: { $n } antwoorden; { $right }% koos de optie van het model.
}
debrief-summary-twice = { $part }: antwoorden in de eerste ronde { $first }, in de tweede { $second }; de optie van het model ging van { $before }% naar { $after }%.
debrief-summary-number = { $n ->
    [one] { $part }: { $n } schatting, { $median }%; het model verwacht { $model }%.
   *[other] { $part }: { $n } schattingen, de middelste { $median }%; het model verwacht { $model }%.
}
debrief-summary-organisations = { $n ->
    [one] { $part }: { $n } organisatie, { $guessed } met een schatting.
   *[other] { $part }: { $n } organisaties, { $guessed } met een schatting.
}
debrief-source = Gemaakt door bolwerk uit { $log } (het logboek met de antwoorden) en het bestand van de sessie.
debrief-answers = { $n ->
    [one] { $n } antwoord
   *[other] { $n } antwoorden
}
debrief-rounds = Antwoorden in de eerste ronde: { $first }; in de tweede: { $second }.
debrief-estimates = { $n ->
    [one] { $n } schatting, in groepen van 10%
   *[other] { $n } schattingen, in groepen van 10%
}
debrief-median = De middelste schatting: { $median }%. De helft van de zaal schatte lager, de helft hoger.
debrief-model-number = Het model verwacht { $share }% bij { $n } medewerkers; de balk waarin dat valt, is gekleurd. Op het scherm schommelt de telling van de simulatie rond dat getal; deze nabespreking legt die telling niet vast.
debrief-model-choice = Het model verwacht { $share }% bij { $n } medewerkers: optie { $option }, in kleur. Geen grens tussen de opties ligt dicht bij dit getal, dus de telling op het scherm valt in dezelfde optie.
debrief-moved = { $changed ->
    [one] { $paired } deelnemers antwoordden in beide rondes; { $changed } van hen koos de tweede keer iets anders, { $right } daarvan de optie van het model.
   *[other] { $paired } deelnemers antwoordden in beide rondes; { $changed } van hen kozen de tweede keer iets anders, { $right } daarvan de optie van het model.
}
debrief-times = { $median ->
    [one] Na { $median } seconde was de helft van de antwoorden binnen, het laatste na { $last }.
   *[other] Na { $median } seconden was de helft van de antwoorden binnen, het laatste na { $last }.
}
debrief-times-round = { $median ->
    [one] Ronde { $round }: na { $median } seconde was de helft van de antwoorden binnen, het laatste na { $last }.
   *[other] Ronde { $round }: na { $median } seconden was de helft van de antwoorden binnen, het laatste na { $last }.
}
debrief-sizes = Ingevoerde aantallen medewerkers, afgerond op 1, 2, 5, 10, 20, 50 enzovoort, zodat een aantal minder over één organisatie zegt: { $sizes }.
debrief-guesses = { $n ->
    [one] { $n } schatting van het aandeel klantcontacten; { $above } daarvan boven wat het model bij die grootte verwacht.
   *[other] { $n } schattingen van het aandeel klantcontacten; { $above } daarvan boven wat het model bij die grootte verwacht.
}
debrief-summary-sketch = { $n ->
    [one] { $part }: { $n } schets; bij { $size } medewerkers { $middle }%; het model verwacht { $model }%.
   *[other] { $part }: { $n } schetsen; bij { $size } medewerkers ligt de middelste op { $middle }%; het model verwacht { $model }%.
}
debrief-sketches = { $n ->
    [one] { $n } schets: de lijn is die schets.
   *[other] { $n } schetsen. De lijn is de middelste; de helft van de schetsen ligt in de band, een kwart erboven en een kwart eronder.
}
debrief-sketch-at = { $n } medewerkers: middelste schets { $middle }% (middelste helft { $low }% tot { $high }%); het model verwacht { $model }%.
debrief-sketch-note = De stippellijn is de exacte verwachting van het model; de telling op het scherm schommelt daaromheen en staat hier niet in. Elke telefoon toonde de eigen schets naast die telling.
debrief-written = Nabespreking geschreven: { $pdf } en { $csv }
debrief-failed = De nabespreking kon niet worden geschreven: { $reason }

## Repeteren met herladen (present --watch)
rehearsal-watching = Repetitie: elke keer dat { $file } wordt opgeslagen, laadt bolwerk de sessie opnieuw.
rehearsal-texts = { $file } opgeslagen: de nieuwe teksten zijn geladen; het deel op het scherm loopt door.
rehearsal-restarted = { $file } opgeslagen: deel { $part } begint opnieuw met de nieuwe instellingen.
rehearsal-place = { $file }, regel { $line }, kolom { $column }
rehearsal-place-part = { $file }, regel { $line }, kolom { $column } (deel { $part })
rehearsal-problem = { $problems ->
    [one] Niet geladen: een probleem in { $place }: { $what }.
   *[other] Niet geladen: { $problems } problemen, het eerste in { $place }: { $what }.
} De laatste goede versie blijft draaien.
rehearsal-problem-line = Niet geladen: { $place }: { $what }

## De tekstversie en de beschreven video van een opname (record --scenario): wat het beeld toont, in woorden
describe-grows = De organisatie groeit van { $from } naar { $to } medewerkers.
describe-holds = De organisatie blijft { $n } medewerkers groot.
describe-share = Bij { $n } medewerkers is { $share }% van alle contacten een klantcontact; de exacte verwachting van het model is { $expected }%.
describe-people = Van de { $n } medewerkers heeft nu { $share }% klantcontact; de exacte verwachting van het model is { $expected }%.
describe-counter = De teller toont { $colleagues } en { $customers }.
describe-compared = { $count ->
    [2] Twee
    [3] Drie
   *[other] Vier
} versies van dezelfde organisatie groeien naast elkaar, van { $from } naar { $to } medewerkers.
describe-compared-shape = { $shape } { $share }%
describe-compared-shares = Aan het eind is het aandeel klantcontacten: { $shares }.
describe-asked = Zolang de vraag in beeld is, blijft de organisatie { $n } medewerkers groot.
describe-gathered = Zolang de zaal naar de eigen organisaties wordt gevraagd, blijft de organisatie { $n } medewerkers groot.
describe-on-curve = { $count ->
    [one] Een voorbeeldorganisatie van ongeveer { $sizes } medewerkers staat als grijze ruit op de stippellijn van het model.
   *[other] Voorbeeldorganisaties van ongeveer { $sizes } medewerkers staan als grijze ruiten op de stippellijn van het model.
}
describe-and = en
transcript-title = { $title }: de tekstversie
transcript-intro = De video heeft geen geluid. Deze tekst beschrijft per deel wat de video laat zien: het bijschrift in beeld, het beeld zelf, en elke vraag aan de zaal met het antwoord dat in deze opname is geteld.
transcript-part = Deel { $part } van { $total } (vanaf { $time }): { $title }
transcript-picture = Wat het beeld toont
right-answer = Het goede antwoord is { $letter }: { $option }.
transcript-made = Gemaakt met bolwerk { $version } uit de sessie “{ $title }”: { $seconds } seconden video, startgetal { $seed }.

## Een cursuspakket (record --package): de speler die een cursist ziet
course-chapters = Hoofdstukken
course-question = Vraag { $k } van { $total }
course-number = Jouw antwoord, in procent
course-check = Controleer
course-sketch = Pak pen en papier en schets hoe je verwacht dat het aandeel verandert als de organisatie groeit. Kijk daarna wat de simulatie telde.
course-show = Toon het antwoord
course-right = Goed.
course-wrong = Niet helemaal.
course-within = Een antwoord dat hoogstens { $tolerance } procentpunt van de telling afwijkt, is goed.
course-continue = Verder
course-first = Beantwoord eerst de vraag; daarna gaat de video verder.
course-bad-number = Vul een getal in van 0 tot en met 100.
course-score = { $total ->
    [one] Je hebt { $right } van { $total } vraag goed beantwoord.
   *[other] Je hebt { $right } van { $total } vragen goed beantwoord.
}
course-done = Je hebt de hele video gezien.
course-text-version = De tekstversie van deze video

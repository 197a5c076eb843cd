# Writes a registration export like Excel makes it: semicolon-separated, German headers, quoted fields,
# umlauts and ß, a title here and there, and a few categories.   awk -v rows=50000 -f registrations.awk
BEGIN {
  split("Anna Jürgen Sören Björn Käthe Lutz Özlem Maximilian Hannah Jörg Günther Ursula Fatma Luca Grete Ömer Zoë Matthias Sabine Dörte", first, " ")
  split("Müller Schäfer Weiß Groß Köhler Straßburg Jäger Becker Öztürk Krüger Hoffmann Schröder Fuß Bäcker Wagner Dąbrowski Nußbaum Löwe Kühn Schulz", last, " ")
  split("Stadt Essen;Stadt Köln;Landkreis Görlitz;Stadt Düsseldorf;Gemeinde Hünxe;Stadt Mülheim an der Ruhr;Kreis Lüdenscheid;Stadt Münster;IT.NRW;Stadt Gießen", org, ";")
  split("Besucher;Aussteller;Referent;Presse;Team", cat, ";")
  print "Registrierungsnummer;Titel;Vorname;Nachname;Behörde;E-Mail;Kategorie"
  srand(26)
  for (i = 1; i <= rows; i++) {
    f = first[int(rand() * 20) + 1]; l = last[int(rand() * 20) + 1]
    title = (i % 7 == 0) ? "Dr." : ""
    printf "B-%06d;%s;%s;%s;\"%s\";reg%06d@kommune.example;%s\n", i, title, f, l, org[int(rand() * 10) + 1], i, cat[(i % 20 == 0) ? 2 : (i % 50 == 0) ? 3 : 1]
  }
}

package nl.schoolmonitor.jobs.generate;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic identities: BSNs, onderwijsnummers, Dutch names and Twente postcodes. No real person is generated:
 * every BSN starts with 999, a range the Dutch government never issues, and still passes the 11-test so that
 * validation code sees realistic numbers.
 */
final class Identities {

  /** A first name and the sex it is drawn for. */
  record FirstName(String name, char sex) {}

  /** A family name split as Magister stores it: {@code van den} + {@code Berg}. */
  record FamilyName(String tussenvoegsel, String name) {

    /** The name as one field, as ParnasSys, SOMtoday and EduArte write it: {@code van den Berg}. */
    String full() {
      return tussenvoegsel.isEmpty() ? name : tussenvoegsel + " " + name;
    }
  }

  /** A range of four-digit postcodes and the place they belong to. */
  record Pc4Range(int from, int to, String place) {}

  // Every character here exists in Windows-1252 (ParnasSys and the VSV list are written in it): no s-cedilla,
  // no dotless i, no g-breve.
  private static final List<String> GIRLS = List.of("Emma", "Julia", "Mila", "Tess", "Sophie", "Zoë", "Sara",
      "Nora", "Yara", "Eva", "Saar", "Noor", "Liv", "Fenna", "Evi", "Lotte", "Anna", "Lieke", "Fleur", "Isa",
      "Sanne", "Femke", "Maud", "Esmée", "Renée", "Chloë", "Anaïs", "Ilse", "Roos", "Lina", "Elif", "Zeynep",
      "Meryem", "Amira", "Yasmina", "Hiba", "Fatma", "Marit", "Jente", "Ivy", "Elin", "Romy", "Floor", "Iris",
      "Lynn", "Nina", "Amber", "Demi", "Merel", "Joëlle");
  private static final List<String> BOYS = List.of("Daan", "Sem", "Lucas", "Levi", "Finn", "Noah", "Luuk", "Bram",
      "Jesse", "Thijs", "Milan", "Ruben", "Gijs", "Stijn", "Teun", "Tijn", "Sven", "Mees", "Jens", "Niek",
      "Wessel", "Thom", "Hugo", "Floris", "Mohamed", "Emre", "Yusuf", "Ömer", "Mehmet", "Ahmet", "Bilal", "Adam",
      "Ibrahim", "Daniël", "Michaël", "Raphaël", "Joël", "Noël", "Jasper", "Koen", "Lars", "Tim", "Job", "Siem",
      "Guus", "Rens", "Olivier", "Mats", "Cas", "René");
  private static final List<FamilyName> FAMILY_NAMES = List.of(
      fam("", "Jansen"), fam("de", "Vries"), fam("van den", "Berg"), fam("van", "Dijk"), fam("", "Bakker"),
      fam("", "Janssen"), fam("", "Visser"), fam("", "Smit"), fam("", "Meijer"), fam("de", "Boer"),
      fam("", "Mulder"), fam("de", "Groot"), fam("", "Bos"), fam("", "Vos"), fam("", "Peters"),
      fam("", "Hendriks"), fam("van", "Leeuwen"), fam("", "Dekker"), fam("", "Brouwer"), fam("de", "Wit"),
      fam("", "Dijkstra"), fam("", "Smits"), fam("de", "Graaf"), fam("van der", "Meer"), fam("", "Kok"),
      fam("", "Jacobs"), fam("", "Vermeulen"), fam("van den", "Heuvel"), fam("van der", "Veen"),
      fam("", "Kuipers"), fam("", "Schouten"), fam("", "Nijhuis"), fam("", "Oude Luttikhuis"), fam("ter", "Horst"),
      fam("", "Lohuis"), fam("", "Kamphuis"), fam("", "Haverkate"), fam("", "Wiggers"), fam("", "Brinkhuis"),
      fam("ten", "Brinke"), fam("", "Oude Vrielink"), fam("", "Pierik"), fam("", "Weghorst"), fam("", "Koopman"),
      fam("", "Nijenhuis"), fam("", "Legtenberg"), fam("", "Leferink"), fam("", "Velthuis"), fam("", "Hesselink"),
      fam("", "Tijhuis"), fam("", "Roelofs"), fam("", "Wolters"), fam("", "Ottenhof"), fam("", "Kuiper"),
      fam("", "Groothuis"), fam("", "Bruggink"), fam("", "Olthof"), fam("", "Reinders"), fam("", "Engbers"),
      fam("", "Özdemir"), fam("", "Öztürk"), fam("", "Yilmaz"), fam("", "Çelik"), fam("", "Kaya"),
      fam("", "Demir"), fam("", "Aydin"), fam("", "Arslan"), fam("", "Güler"), fam("", "Koç"),
      fam("el", "Amrani"), fam("", "Bouzid"), fam("", "Benali"), fam("el", "Idrissi"), fam("", "Haddad"),
      fam("", "Nowak"), fam("", "Müller"), fam("", "Schröder"), fam("", "Brüggemann"), fam("", "Martínez"));

  /** Postcode ranges per municipality; Twente postcodes are 74xx-76xx. Ranges and places are approximate. */
  static final Map<String, List<Pc4Range>> POSTCODES = Map.ofEntries(
      Map.entry("GM0141", List.of(new Pc4Range(7601, 7609, "Almelo"))),
      Map.entry("GM0147", List.of(new Pc4Range(7621, 7623, "Borne"), new Pc4Range(7625, 7625, "Zenderen"))),
      Map.entry("GM0153", List.of(new Pc4Range(7511, 7531, "Enschede"), new Pc4Range(7534, 7548, "Enschede"),
          new Pc4Range(7532, 7533, "Glanerbrug"))),
      Map.entry("GM0158", List.of(new Pc4Range(7481, 7483, "Haaksbergen"), new Pc4Range(7484, 7484, "Buurse"))),
      Map.entry("GM0163", List.of(new Pc4Range(7441, 7443, "Nijverdal"), new Pc4Range(7447, 7447, "Hellendoorn"),
          new Pc4Range(7448, 7448, "Haarle"))),
      Map.entry("GM0164", List.of(new Pc4Range(7550, 7559, "Hengelo"))),
      Map.entry("GM0168", List.of(new Pc4Range(7581, 7582, "Losser"), new Pc4Range(7586, 7586, "Overdinkel"),
          new Pc4Range(7587, 7587, "De Lutte"))),
      Map.entry("GM0173", List.of(new Pc4Range(7570, 7577, "Oldenzaal"))),
      Map.entry("GM0183", List.of(new Pc4Range(7651, 7651, "Tubbergen"), new Pc4Range(7615, 7615, "Albergen"),
          new Pc4Range(7678, 7678, "Geesteren"))),
      Map.entry("GM0189", List.of(new Pc4Range(7641, 7642, "Wierden"), new Pc4Range(7468, 7468, "Enter"))),
      Map.entry("GM1700", List.of(new Pc4Range(7671, 7672, "Vriezenveen"), new Pc4Range(7681, 7681, "Vroomshoop"),
          new Pc4Range(7683, 7683, "Den Ham"), new Pc4Range(7676, 7676, "Westerhaar-Vriezenveensewijk"))),
      Map.entry("GM1735", List.of(new Pc4Range(7471, 7472, "Goor"), new Pc4Range(7491, 7491, "Delden"),
          new Pc4Range(7475, 7475, "Markelo"))),
      Map.entry("GM1742", List.of(new Pc4Range(7461, 7463, "Rijssen"), new Pc4Range(7451, 7451, "Holten"))),
      Map.entry("GM1774", List.of(new Pc4Range(7591, 7591, "Denekamp"), new Pc4Range(7631, 7631, "Ootmarsum"),
          new Pc4Range(7595, 7595, "Weerselo"))));

  private static final String POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ";

  /** BSNs of the 999 range this generator can issue: 10,000 groups of four digits, nine valid numbers each. */
  static final int NARROW_BSNS = 90_000;
  /** BSNs of the 9 range: 1,000,000 groups of six digits, nine valid numbers each. */
  static final int WIDE_BSNS = 9_000_000;
  /** Onderwijsnummers this generator can issue: six free digits after {@code 10}. */
  static final int ONDERWIJSNUMMERS = 1_000_000;

  private final boolean wide;
  private long issuedBsns;
  private long issuedOnderwijsnummers;

  /**
   * Numbers for up to {@code persons} people: BSNs from the 999 range when they fit in it, else from the wider
   * range 9xxxxxxxx (needed above about 80,000 people; every number still passes the 11-test).
   */
  Identities(long persons) {
    this.wide = persons > NARROW_BSNS;
  }

  /** Where the next numbers come from: the counts issued so far (numbers are a function of the count). */
  long[] position() {
    return new long[] {issuedBsns, issuedOnderwijsnummers};
  }

  /** Issues the numbers again from a {@link #position()}: the same numbers in the same order. */
  void moveTo(long[] position) {
    issuedBsns = position[0];
    issuedOnderwijsnummers = position[1];
  }

  private static FamilyName fam(String tussenvoegsel, String name) {
    return new FamilyName(tussenvoegsel, name);
  }

  /** The BSN 11-test: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is divisible by 11 (and d1..d9 are 9 digits). */
  static boolean passesElevenTest(String number) {
    if (number == null || number.length() != 9 || !number.chars().allMatch(Character::isDigit)) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      sum += (9 - i) * (number.charAt(i) - '0');
    }
    sum -= number.charAt(8) - '0';
    return sum % 11 == 0;
  }

  /**
   * A new synthetic BSN passing the 11-test, never issued before in this run: the count issued so far picks a
   * group (the digits after the prefix but the last two, in a scrambled order) and one of the nine or ten
   * second-to-last digits that give a valid check digit. A function of the count, so no set of issued numbers
   * is kept: memory does not grow with the number of pupils.
   */
  String newBsn() {
    long k = issuedBsns++;
    String prefix = wide ? "9" : "999";
    int groups = wide ? 1_000_000 : 10_000;
    long group = k / 9;
    if (group >= groups) {
      throw new IllegalStateException("More than " + (wide ? WIDE_BSNS : NARROW_BSNS) + " synthetic BSNs needed:"
          + " generate fewer pupils");
    }
    String digits = prefix + pad(scramble(group, groups), wide ? 6 : 4);
    int sum = 0;
    for (int i = 0; i < 7; i++) {
      sum += (9 - i) * (digits.charAt(i) - '0');
    }
    // The k-th valid second-to-last digit of the group, counted from a group-dependent start for variety.
    int wanted = (int) ((k % 9 + group) % 9);
    for (int d = 0; d < 10; d++) {
      int check = (sum + 2 * d) % 11;
      if (check == 10) {
        continue;
      }
      if (wanted-- == 0) {
        return digits + d + check;
      }
    }
    throw new IllegalStateException("unreachable: a group has at least nine valid BSNs");
  }

  /**
   * A new synthetic onderwijsnummer, for a pupil without a BSN (newcomers): nine digits starting with 10 that
   * do not pass the BSN 11-test, so no onderwijsnummer can be mistaken for a BSN. A function of the count issued
   * so far, as {@link #newBsn()}.
   */
  String newOnderwijsnummer() {
    long k = issuedOnderwijsnummers++;
    if (k >= ONDERWIJSNUMMERS) {
      throw new IllegalStateException("More than " + ONDERWIJSNUMMERS + " synthetic onderwijsnummers needed:"
          + " generate fewer pupils");
    }
    String digits = "10" + pad(scramble(k, ONDERWIJSNUMMERS), 6);
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      sum += (9 - i) * (digits.charAt(i) - '0');
    }
    // The check digit that would pass is sum mod 11; any other digit fails the test.
    int last = (sum % 11 + 1) % 11;
    return digits + (last == 10 ? 0 : last);
  }

  /** A bijection of 0 .. n-1 (n a power of ten): an affine map with a multiplier coprime to 10. */
  private static long scramble(long value, long n) {
    return Math.floorMod(value * 7919 + 3571, n);
  }

  private static String pad(long value, int width) {
    String s = Long.toString(value);
    return "0".repeat(width - s.length()) + s;
  }

  static FirstName firstName(SplittableRandom rng) {
    int r = rng.nextInt(1000);
    if (r < 3) {
      return new FirstName(pick(rng, rng.nextBoolean() ? GIRLS : BOYS), 'X');
    }
    return r < 500 ? new FirstName(pick(rng, GIRLS), 'V') : new FirstName(pick(rng, BOYS), 'M');
  }

  static FamilyName familyName(SplittableRandom rng) {
    return pick(rng, FAMILY_NAMES);
  }

  /** A postcode (PC4 + two letters) of the municipality, and its place. */
  static String[] postcode(SplittableRandom rng, String municipalityCode) {
    List<Pc4Range> ranges = POSTCODES.get(municipalityCode);
    if (ranges == null) {
      // A municipality outside Twente: the generator still works, with a neutral postcode area.
      ranges = List.of(new Pc4Range(7400, 7699, "Twente"));
    }
    Pc4Range range = pick(rng, ranges);
    int pc4 = range.from() + rng.nextInt(range.to() - range.from() + 1);
    String letters;
    do {
      letters = "" + POSTCODE_LETTERS.charAt(rng.nextInt(POSTCODE_LETTERS.length()))
          + POSTCODE_LETTERS.charAt(rng.nextInt(POSTCODE_LETTERS.length()));
    } while (letters.equals("SA") || letters.equals("SD") || letters.equals("SS"));
    return new String[] {pc4 + letters, range.place()};
  }

  static <T> T pick(SplittableRandom rng, List<T> values) {
    return values.get(rng.nextInt(values.size()));
  }
}

package nl.schoolmonitor.jobs.generate;

import java.time.LocalDate;
import java.time.Period;

/**
 * One child or young person: who they are (identity, residence) and the traits that drive their attendance in
 * every school they attend, so that absence in primary school carries over to secondary school and MBO
 * (DOMAIN.md section 8: absence in primary school predicts dropout later).
 */
final class Person {
  final long id;
  /** BSN, or null when the pupil only has an onderwijsnummer. */
  final String bsn;
  /** Onderwijsnummer, or null when the pupil has a BSN. */
  final String onderwijsnummer;
  final String firstName;
  final Identities.FamilyName familyName;
  final LocalDate birthDate;
  /** {@code M}, {@code V} or {@code X}. */
  final char sex;
  final String municipalityCode;
  final String postcode;
  final String place;
  /** Multiplies the sickness rates; lognormal around 1. */
  final double frailty;
  /** Multiplies the unauthorised-absence rates; lognormal around 1, heavier tail than frailty. */
  final double disengagement;
  /** The family takes holidays outside the school holidays (luxe verzuim). */
  final boolean luxuryProne;
  /** Old primary funding weight, a poverty proxy: {@code 0}, {@code 0.3} or {@code 1.2}. */
  final String weight;
  final boolean specialNeeds;
  /** Newcomer learning Dutch as a second language. */
  final boolean nt2;
  /** School year (its start year) of {@link #tier}; the generator fills both as it writes a year. */
  private int tierYear;
  /** Highest tier of the pupil's enrolments in {@link #tierYear}; 0 when unknown. */
  private int tier;

  Person(long id, String bsn, String onderwijsnummer, String firstName, Identities.FamilyName familyName,
      LocalDate birthDate, char sex, String municipalityCode, String postcode, String place, double frailty,
      double disengagement, boolean luxuryProne, String weight, boolean specialNeeds, boolean nt2) {
    this.id = id;
    this.bsn = bsn;
    this.onderwijsnummer = onderwijsnummer;
    this.firstName = firstName;
    this.familyName = familyName;
    this.birthDate = birthDate;
    this.sex = sex;
    this.municipalityCode = municipalityCode;
    this.postcode = postcode;
    this.place = place;
    this.frailty = frailty;
    this.disengagement = disengagement;
    this.luxuryProne = luxuryProne;
    this.weight = weight;
    this.specialNeeds = specialNeeds;
    this.nt2 = nt2;
  }

  /** Records the tier one enrolment of the school year starting in {@code startYear} ended with. */
  void recordTier(int startYear, int enrolmentTier) {
    if (tierYear != startYear) {
      tierYear = startYear;
      tier = 0;
    }
    tier = Math.max(tier, enrolmentTier);
  }

  /**
   * The tier of the school year before the one starting in {@code startYear}, 0 when the pupil was
   * not in the generated data then: what makes early leaving and staying home follow from earlier
   * absence (seed 000), beyond the traits behind both.
   */
  int tierBefore(int startYear) {
    return tierYear == startYear - 1 ? tier : 0;
  }

  int ageOn(LocalDate date) {
    return Period.between(birthDate, date).getYears();
  }
}

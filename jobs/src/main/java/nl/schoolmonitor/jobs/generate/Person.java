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

  int ageOn(LocalDate date) {
    return Period.between(birthDate, date).getYears();
  }
}

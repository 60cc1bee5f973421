/**
 * The demo-data generator: a synthetic landing zone for a region in exactly the formats of CONTRACT.md, for
 * demos, training, tests and benchmarks. Pure Java, no Spark. Entry point: {@link
 * nl.schoolmonitor.jobs.generate.LandingZoneGenerator#generate}.
 *
 * <p>How it works, in the order it runs:
 * <ol>
 *   <li>{@code RegionConf} reads {@code schools.csv}, {@code municipalities.csv}, {@code holidays.csv} and the
 *       optional {@code study_days.csv}; {@code SchoolCalendar} derives each school's school days.</li>
 *   <li>{@code RegionPreset} ({@code --preset twente-size}) optionally first writes a region folder with as many
 *       school locations as the pupils need at realistic sizes, and the run uses its {@code schools.csv}.</li>
 *   <li>{@code Population} sizes every school (primary 100-400, secondary 600-1500, MBO 2500-4000, scaled to
 *       the requested number of pupils) and creates the pupils ({@code Person}: identity and attendance traits;
 *       {@code Enrolment}: pupil number, dates, year group, class), then joiners and leavers during the year;
 *       for a later school year it moves everyone on (groep 8 to secondary with the same BSN, vmbo to MBO).
 *       In a one-year run it builds each school when the school is written and drops it afterwards.</li>
 *   <li>Per pupil, {@code AbsencePlanner} plans {@code Episode}s (sickness, medical, leave, truancy, luxe
 *       verzuim, late arrivals, ...) over the pupil's {@code PupilDays}; the school's {@code SchoolExport}
 *       ({@code ParnasSysExport}, {@code MagisterExport}, {@code SomtodayExport}, {@code EduArteExport}) writes
 *       them in its system's format, streaming; {@code AttendanceTally} counts what the contract's rules will
 *       find (minutes, tier, flags).</li>
 *   <li>{@code Registrations} turns the tallies into leerplicht reports, exemptions and the VSV list.</li>
 * </ol>
 * Determinism: each school's population steps have their own generator seeded from (seed, step, school, year),
 * each pupil-year its own seeded from (seed, person, school, year); BSNs are a function of a counter; no
 * hash-order iteration, no clock.
 */
package nl.schoolmonitor.jobs.generate;

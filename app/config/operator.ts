/**
 * Who runs this installation. These are the demo values; a municipality replaces them
 * (name, address, contacts) before going live — they appear in the imprint, the privacy
 * notice and the accessibility statement.
 */
export const operator = {
  name: 'Bildungsbüro der Demo-Region Kassel',
  body: 'Demo-Kommune (Körperschaft des öffentlichen Rechts)',
  street: 'Obere Königsstraße 8',
  postcode: '34117',
  city: 'Kassel',
  email: 'bildungsberatung@wegweiser.example',
  phone: '0561 0000000',
  representative: 'Die Oberbürgermeisterin (Demo)',
  vatId: 'DE000000000',
  privacyOfficerEmail: 'datenschutz@wegweiser.example',
  accessibilityEmail: 'barrierefreiheit@wegweiser.example',
  // The supervisory authority for data protection in the Land (Hessen in the demo).
  supervisoryAuthority: 'Der Hessische Beauftragte für Datenschutz und Informationsfreiheit',
  /**
   * The accessibility statement's legal frame: the Land's law and regulation (a public
   * body of a municipality in Hessen: HessBGG § 14 and the HVBIT, which implement
   * Directive (EU) 2016/2102; the federal BITV 2.0 binds federal bodies only) and the
   * Land's enforcement body, to which people turn when we did not answer within six
   * weeks (§ 6 HVBIT). Hessen has no separate conciliation body for this: the
   * Durchsetzungsverfahren is the procedure. Another Land: replace all of it.
   */
  accessibilityLaw: {
    law: 'Hessisches Behinderten-Gleichstellungsgesetz (HessBGG)',
    regulation: 'Hessische Verordnung über barrierefreie Informationstechnik (HVBIT)',
    regulationShort: 'HVBIT',
    enforcementBody:
      'Durchsetzungs- und Überwachungsstelle für barrierefreie Informationstechnik des Landes Hessen',
    enforcementSeat:
      'bei der Beauftragten der Hessischen Landesregierung für barrierefreie IT, Regierungspräsidium Gießen',
    enforcementUrl:
      'https://lbit.hessen.de/Durchsetzungs-und-Ueberwachungsstelle/Durchsetzungsverfahren-beantragen',
  },
  // When the accessibility statement was prepared, and when it was last checked against the site.
  statementDate: '2026-11-24',
  statementReviewed: '2026-12-07',
  // Where the region is: ambiguous place names ("Neustadt") resolve to the one nearest this point.
  regionCenter: { latitude: 51.3166, longitude: 9.4912 },
} as const;

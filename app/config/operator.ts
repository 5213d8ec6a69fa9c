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
  // The supervisory authority and arbitration body for the Land (Hessen in the demo).
  supervisoryAuthority: 'Der Hessische Beauftragte für Datenschutz und Informationsfreiheit',
  arbitrationBody: 'Landesbeauftragte für barrierefreie IT (Ombudsstelle) des Landes Hessen',
  statementDate: '2026-11-24',
  // Where the region is: ambiguous place names ("Neustadt") resolve to the one nearest this point.
  regionCenter: { latitude: 51.3166, longitude: 9.4912 },
} as const;

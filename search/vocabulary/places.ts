/**
 * The region's city quarters with their postcode (Kassel's Stadtteile), so a quarter
 * without any venue today ("Wesertor") is still a place: searched around its postcode,
 * in the text and in the place field. Quarters that have venues are district filter values
 * as well (the gazetteer's districts win). Operator data: another region lists its own.
 */
export const cityQuarters: Record<string, string> = {
  Mitte: '34117',
  'Vorderer Westen': '34119',
  Südstadt: '34121',
  Wehlheiden: '34121',
  'Bad Wilhelmshöhe': '34131',
  Brasselsberg: '34132',
  Nordshausen: '34132',
  'Süsterfeld-Helleböhn': '34134',
  Niederzwehren: '34134',
  Oberzwehren: '34134',
  Harleshausen: '34128',
  Jungfernkopf: '34128',
  Kirchditmold: '34130',
  Rothenditmold: '34127',
  'Nord-Holland': '34127',
  'Philippinenhof-Warteberg': '34127',
  Wesertor: '34125',
  Fasanenhof: '34125',
  'Wolfsanger-Hasenhecke': '34125',
  Unterneustadt: '34123',
  Bettenhausen: '34123',
  Forstfeld: '34123',
  Waldau: '34123',
};

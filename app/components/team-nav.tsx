import { SubNav } from './sub-nav';

const LINKS = [
  { to: '/team', key: 'team.nav.agenda' },
  { to: '/team/faelle', key: 'team.nav.cases' },
  { to: '/team/termine/neu', key: 'team.nav.bookForCaller' },
  { to: '/team/verfuegbarkeit', key: 'team.nav.availability' },
  { to: '/team/profil', key: 'team.nav.profile' },
];

/** The counsellors' area's own navigation, on each of its pages. */
export function TeamNav() {
  return <SubNav ns="counselling" label="team.nav.label" links={LINKS} />;
}

import { SubNav } from './sub-nav';

const LINKS = [
  { to: '/admin', key: 'admin.nav.overview' },
  { to: '/admin/anbieter', key: 'admin.nav.providers' },
  { to: '/admin/angebote', key: 'admin.nav.moderation' },
  { to: '/admin/beratung', key: 'admin.nav.counselling' },
  { to: '/admin/faelle', key: 'admin.nav.cases' },
  { to: '/admin/benutzer', key: 'admin.nav.users' },
  { to: '/admin/einladungen', key: 'admin.nav.invitations' },
  { to: '/admin/protokoll', key: 'admin.nav.audit' },
  { to: '/admin/mails', key: 'admin.nav.mail' },
];

/** The admin area's own navigation, on each of its pages. */
export function AdminNav() {
  return <SubNav ns="account" label="admin.nav.label" links={LINKS} />;
}

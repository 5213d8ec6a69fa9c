import { SubNav } from '~/components/sub-nav';

/** The planning area's own navigation: overview, each report, definitions, inhabitants. */
export function PlanningNav({ reports }: { reports: { id: string; slug: string }[] }) {
  return (
    <SubNav
      ns="planning"
      label="nav.label"
      links={[
        { to: '/planung', key: 'nav.overview' },
        ...reports.map((r) => ({ to: `/planung/${r.slug}`, key: `reports.${r.id}.title` })),
        { to: '/planung/definitionen', key: 'nav.definitions' },
        { to: '/planung/einwohner', key: 'nav.inhabitants' },
      ]}
    />
  );
}

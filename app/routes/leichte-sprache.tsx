import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { EmailLink, PhoneLink } from '~/components/contact-links';
import { RichText } from '~/components/rich-text';
import { operator } from '~/config/operator';
import { htmlLang } from '~/i18n';
import { i18nServer, pageTitle } from '~/i18next.server';
import { withLanguage } from '~/utils/localized';
import { titleMeta } from '~/utils/meta';

export const meta = titleMeta;
export const handle = { i18n: ['pages'] };

/** What a section is made of: sentences, a real list, a link, or our phone and e-mail. */
type Block =
  | { p: string }
  | { list: { text: string; link?: [string, string] }[] }
  | { link: [string, string] }
  | { contact: true };

/**
 * The page's structure; the words are in locales/ls/easy.json. Leichte Sprache rules:
 * one statement per sentence, lists as lists, and every link says where it goes. Links
 * lead to the pages in Leichte Sprache (`?lng=ls`), the statement on accessibility too.
 */
const SECTIONS: [string, Block[]][] = [
  ['whatHeading', [{ p: 'what1' }, { p: 'what2' }, { p: 'what3' }]],
  [
    'doHeading',
    [
      { p: 'doIntro' },
      {
        list: [
          { text: 'doSearch', link: ['doSearchLink', '/angebote'] },
          { text: 'doFit', link: ['doFitLink', '/selbsteinschaetzung'] },
          { text: 'doBook', link: ['doBookLink', '/beratung/termin'] },
        ],
      },
    ],
  ],
  [
    'counsellingHeading',
    [
      { p: 'counselling1' },
      { p: 'counselling2' },
      { p: 'counselling3' },
      { p: 'counsellingImportant' },
      { list: [{ text: 'counsellingFree' }, { text: 'counsellingSecret' }, { text: 'counsellingWays' }] },
    ],
  ],
  ['helpHeading', [{ p: 'helpIntro' }, { contact: true }]],
  [
    'accessHeading',
    [{ p: 'access1' }, { p: 'access2' }, { p: 'access3' }, { link: ['accessLink', '/barrierefreiheit'] }],
  ],
  ['languageHeading', [{ p: 'language1' }, { p: 'language2' }, { p: 'language3' }]],
];

type Rendered =
  | { kind: 'p'; text: string }
  | { kind: 'list'; items: { text: string; link?: { text: string; to: string } }[] }
  | { kind: 'link'; text: string; to: string }
  | { kind: 'contact'; phoneLabel: string; emailLabel: string };

/**
 * Information in Leichte Sprache, as the accessibility law asks of public sites. The
 * content is always German Leichte Sprache (the `easy` namespace exists only for `ls`),
 * whatever language the rest of the page is in; the loader renders it so the browser
 * needs no second language pack.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const easy = await i18nServer.getFixedT('ls', 'easy');
  const link = ([key, to]: [string, string]) => ({ text: easy(key), to: withLanguage(to, 'ls') });
  const render = (block: Block): Rendered => {
    if ('p' in block) return { kind: 'p', text: easy(block.p) };
    if ('list' in block)
      return {
        kind: 'list',
        items: block.list.map((i) => ({ text: easy(i.text), link: i.link ? link(i.link) : undefined })),
      };
    if ('link' in block) return { kind: 'link', ...link(block.link) };
    return { kind: 'contact', phoneLabel: easy('helpPhone'), emailLabel: easy('helpEmail') };
  };
  return {
    title: await pageTitle(request, 'pages:easyLanguage.title'),
    heading: easy('heading'),
    sections: SECTIONS.map(([heading, blocks]) => ({ heading: easy(heading), blocks: blocks.map(render) })),
  };
}

export default function EasyLanguage() {
  const { heading, sections } = useLoaderData<typeof loader>();
  useTranslation('pages');
  const ls = htmlLang('ls');
  return (
    <article className="ww-prose">
      <p className="kern-body kern-body--muted">
        <RichText ns="pages" k="easyLanguage.intro" />
      </p>
      <div lang={ls} dir="ltr" className="kern-stack ww-easy">
        <h1 className="kern-heading-large">{heading}</h1>
        {sections.map((s) => (
          <section key={s.heading} className="kern-stack-sm">
            <h2 className="kern-heading-medium">{s.heading}</h2>
            {s.blocks.map((b, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the blocks are a fixed list
              <EasyBlock key={i} block={b} />
            ))}
          </section>
        ))}
      </div>
    </article>
  );
}

function EasyBlock({ block }: { block: Rendered }) {
  const ls = htmlLang('ls');
  switch (block.kind) {
    case 'p':
      return <p className="kern-body kern-body--large">{block.text}</p>;
    case 'list':
      return (
        <ul className="kern-list kern-list--bullet">
          {block.items.map((item) => (
            <li key={item.text} className="kern-body kern-body--large">
              {item.text}
              {item.link ? (
                <>
                  <br />
                  <Link className="kern-link" to={item.link.to} hrefLang={ls}>
                    {item.link.text}
                  </Link>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      );
    case 'link':
      return (
        <p className="kern-body kern-body--large">
          <Link className="kern-link" to={block.to} hrefLang={ls}>
            {block.text}
          </Link>
        </p>
      );
    case 'contact':
      return (
        <ul className="kern-list">
          <li className="kern-body kern-body--large">
            {block.phoneLabel} <PhoneLink phone={operator.phone} />
          </li>
          <li className="kern-body kern-body--large">
            {block.emailLabel} <EmailLink email={operator.email} />
          </li>
        </ul>
      );
  }
}

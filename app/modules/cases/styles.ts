import type { LinksFunction } from '@remix-run/node';
import href from './cases.css?url';

/** The case pages' own styles (layout of facts and lists, A4 print). */
export const caseLinks: LinksFunction = () => [{ rel: 'stylesheet', href }];

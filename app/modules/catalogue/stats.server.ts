import { getSql } from '../../../db/client.server';
import { countPublishedCatalogue } from '../../../db/queries/catalogue.server';

export function getCatalogueFigures() {
  return countPublishedCatalogue(getSql());
}

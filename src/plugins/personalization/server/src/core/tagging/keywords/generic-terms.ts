/**
 * Lemmas that say when or how much, not what a text is about ("minute", "year", "percent"):
 * never keywords, whatever their TF-IDF.
 */
export const GENERIC_TERMS: ReadonlySet<string> = new Set([
  ...['second', 'minute', 'hour', 'day', 'week', 'weekend', 'month', 'year', 'decade', 'century'],
  ...['time', 'today', 'yesterday', 'tomorrow', 'morning', 'afternoon', 'evening', 'night'],
  ...['season', 'quarter', 'period', 'date', 'moment', 'age', 'half', 'first', 'last', 'next'],
  ...['january', 'february', 'march', 'april', 'june', 'july', 'august', 'september'],
  ...['october', 'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday'],
  ...['friday', 'saturday', 'sunday'],
  ...['percent', 'per', 'cent', 'percentage', 'number', 'amount', 'total', 'lot', 'part'],
  ...['kilometre', 'kilometer', 'metre', 'meter', 'mile', 'kilogram', 'gram', 'tonne', 'ton'],
  ...['litre', 'liter', 'dollar', 'euro', 'pound', 'million', 'billion', 'thousand', 'hundred'],
]);

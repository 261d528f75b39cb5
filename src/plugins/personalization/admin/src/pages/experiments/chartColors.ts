/** Strapi design-system colours (primary600, success600, warning600, …) for chart series. */
export const SERIES_COLORS = ['#4945ff', '#328048', '#d9822f', '#d02b20', '#0c75af', '#8e8ea9'];

export const seriesColor = (index: number): string => SERIES_COLORS[index % SERIES_COLORS.length];

/** What the server put in the page (src/modules/dashboard/pages.ts, PageSettings). */
export interface PageSettings {
  env: string;
  itemTypes: string[];
  sentiments: string[];
  eventTypes: string[];
  chatMaxMessageChars: number;
}

export const settings: PageSettings = JSON.parse(document.getElementById('dashboard-config')?.textContent ?? '{}');

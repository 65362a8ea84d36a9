import { jsonAnswer, startLocalServer, type LocalServer } from './localServer.ts';

/**
 * Binance's public CMS article list
 * (`/bapi/composite/v1/public/cms/article/list/query?type=1&catalogId=…`),
 * in its `{code:"000000", data:{catalogs:[{articles}]}, success:true}` envelope.
 */

interface FakeArticle {
  id: number;
  code: string;
  title: string;
  releaseDate: number;
}

export interface FakeBinance extends LocalServer {
  /** Adds articles to a catalogue; a plain record serves a malformed one. */
  publish(catalogId: number, ...articles: Array<FakeArticle | Record<string, unknown>>): void;
}

const catalogNames: Record<number, string> = { 48: 'New Cryptocurrency Listing', 161: 'Delisting' };

export async function startFakeBinance(): Promise<FakeBinance> {
  const catalogs = new Map<number, Array<FakeArticle | Record<string, unknown>>>();
  const server = await startLocalServer(({ path, query }) => {
    if (path !== '/bapi/composite/v1/public/cms/article/list/query')
      return jsonAnswer(404, { code: '000002', message: 'not found', success: false });
    const catalogId = Number(query.get('catalogId'));
    const pageSize = Number(query.get('pageSize') ?? 20);
    const articles = [...(catalogs.get(catalogId) ?? [])]
      .sort((a, b) => Number(b.releaseDate) - Number(a.releaseDate))
      .slice(0, pageSize);
    return jsonAnswer(200, {
      code: '000000',
      message: null,
      messageDetail: null,
      data: {
        catalogs: [
          {
            catalogId,
            parentCatalogId: null,
            icon: 'https://public.bnbstatic.com/image/cms/content/body/202202/ad416a7598c8327ee59a6052c001c9b9.png',
            catalogName: catalogNames[catalogId] ?? 'Latest News',
            description: null,
            catalogType: 1,
            total: catalogs.get(catalogId)?.length ?? 0,
            articles: articles.map((a) => ({ type: 1, ...a })),
            catalogs: [],
          },
        ],
      },
      success: true,
    });
  });
  return {
    ...server,
    publish: (catalogId, ...articles) =>
      void catalogs.set(catalogId, [...(catalogs.get(catalogId) ?? []), ...articles]),
  };
}

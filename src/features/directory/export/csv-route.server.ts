/** `/open-data/directory.csv`: the directory in the import template's columns (`province=NN` for one province). */
import { getProvince } from '#src/features/admin-units/index.ts';
import type { OpenDataContext } from './context.server.ts';
import { directoryCsv } from './csv.server.ts';
import { csvResponse, errorResponse } from './http.ts';

/** `/open-data/directory.csv`. */
export async function directoryCsvExport(context: OpenDataContext, params: URLSearchParams): Promise<Response> {
  for (const name of params.keys()) {
    if (name !== 'province') {
      return errorResponse(
        400,
        {
          en: `${name} is not a parameter of this file (parameters: province)`,
          vi: `${name} không phải tham số của tệp này (tham số: province)`,
        },
        name,
      );
    }
  }
  const raw = params.get('province');
  const province = raw === null ? undefined : raw.padStart(2, '0');
  if (province !== undefined && (!/^[0-9]{2}$/.test(province) || getProvince(province) === undefined)) {
    return errorResponse(
      400,
      {
        en: `province must be the two-digit code of one of the 34 provinces (got ${JSON.stringify((raw ?? '').slice(0, 20))})`,
        vi: `province phải là mã 2 chữ số của một trong 34 tỉnh, thành phố (nhận được ${JSON.stringify((raw ?? '').slice(0, 20))})`,
      },
      'province',
    );
  }
  const text = await directoryCsv(context.db, { demo: context.demo }, province);
  return csvResponse(text, province === undefined ? 'danh-ba.csv' : `danh-ba-${province}.csv`);
}

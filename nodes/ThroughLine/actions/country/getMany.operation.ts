import { fetchCountries } from '../../transport';
import { listRead } from '../listRead';

export const { description, cacheMinutes, execute } = listRead(fetchCountries);

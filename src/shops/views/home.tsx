import { type Lang, t } from '../../kernel/i18n/index.ts';
import type { Shop } from '../service.ts';

export function PlatformHome({ lang, shops }: { lang: Lang; shops: Shop[] }) {
  return (
    <>
      <h1>{t(lang, 'home.title')}</h1>
      <p>{t(lang, 'app.tagline')}</p>
      <ul class="cards">
        {shops.map((shop) => (
          <li>
            <h2><a href={`/shops/${shop.slug}`}>{shop.name}</a></h2>
            <p>{t(lang, 'home.legalSystem')} : {t(lang, `legalSystem.${shop.legalSystem}`)}</p>
            <p class="muted">{shop.profile.identity.registeredOffice ? `${shop.profile.identity.registeredOffice.city}` : ''}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

import { ConfigError } from '../../../src/footage/errors';
import { loadGazetteer, phraseKey } from '../../../src/footage/query';
import { demoGazetteer, demoJson } from '../demo-data';

describe('phraseKey', () => {
  it('folds case, punctuation, accents, "&" and common abbreviations', () => {
    expect(phraseKey("King's Cross St. Pancras")).toBe('kings cross st pancras');
    expect(phraseKey('Elephant & Castle')).toBe('elephant and castle');
    expect(phraseKey('  LEICESTER   Sq ')).toBe('leicester square');
    expect(phraseKey('Brixton Stn')).toBe('brixton station');
    expect(phraseKey('Café Royal')).toBe('cafe royal');
    expect(phraseKey('North End, Croydon')).toBe('north end croydon');
  });
});

describe('Gazetteer from the demo data', () => {
  const gazetteer = demoGazetteer();

  it('knows every demo place, camera and borough', () => {
    expect(gazetteer.places).toHaveLength(45);
    expect(gazetteer.cameras).toHaveLength(84);
    expect([...gazetteer.boroughs].sort()).toEqual([
      'Camden',
      'Croydon',
      'Hackney',
      'Islington',
      'Lambeth',
      'Southwark',
      'Tower Hamlets',
      'Westminster',
    ]);
  });

  it('finds cameras by id whatever the case', () => {
    expect(gazetteer.camera('lam-0105')?.cameraName).toBe('Brixton Station (south)');
    expect(gazetteer.camera('LAM-0999')).toBeUndefined();
  });

  it('ranks full names over boroughs over short forms', () => {
    expect(gazetteer.exact('brixton station')).toMatchObject({ level: 0 });
    expect(gazetteer.exact('islington')).toEqual({ level: 1, entities: [{ kind: 'borough', borough: 'Islington' }] });
    const brixton = gazetteer.exact('brixton');
    expect(brixton?.level).toBe(2);
    expect(brixton?.entities).toHaveLength(1);
    expect(gazetteer.exact('circus')?.entities).toHaveLength(2);
  });

  it('tolerates small slips but not in short words', () => {
    const place = (key: string) =>
      gazetteer.fuzzy(key)?.entities.map((e) => (e.kind === 'place' ? e.place.name : e.borough));
    expect(place('brixton statoin')).toEqual(['Brixton Station']);
    expect(place('oxfrod circus')).toEqual(['Oxford Circus']);
    expect(place('lambth')).toEqual(['Lambeth']);
    expect(gazetteer.fuzzy('bow')).toBeUndefined();
    expect(gazetteer.fuzzy('narnia')).toBeUndefined();
  });

  it('suggests the closest names for unknown ones', () => {
    expect(gazetteer.suggestNames('Paddingtom Basin')[0]).toBe('Paddington Station');
    expect(gazetteer.suggestNames('Victorai', 1)).toEqual(['Victoria Station']);
    expect(gazetteer.suggestCameras('LAM-0104')).toHaveLength(3);
    expect(gazetteer.suggestCameras('LAM-0104')[0]).toBe('LAM-0105');
  });

  it('finds a place by exact name for a pick from a card', () => {
    expect(gazetteer.placeNamed('piccadilly circus')?.name).toBe('Piccadilly Circus');
    expect(gazetteer.placeNamed('circus')).toBeUndefined();
  });
});

describe('loadGazetteer validation', () => {
  const places = demoJson<Array<Record<string, unknown>>>('places.json');
  const cameras = demoJson<Array<Record<string, unknown>>>('cameras.json');

  it.each([
    ['places', 'not an array', cameras, 'places'],
    ['a place without a name', [{ ...places[0], name: '' }], cameras, 'places[0].name'],
    ['a latitude out of range', [{ ...places[0], latitude: 123 }], cameras, 'places[0].latitude'],
    ['a camera id in the wrong shape', places, [{ ...cameras[0], cameraId: 'CAM5' }], 'cameras[0].cameraId'],
    ['an unknown owner type', places, [{ ...cameras[0], ownerType: 'police' }], 'cameras[0].ownerType'],
    ['a camera that is not an object', places, [null], 'cameras[0]'],
  ])('refuses %s, naming the field', (_what, badPlaces, badCameras, variable) => {
    let error: unknown;
    try {
      loadGazetteer(badPlaces, badCameras);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
  });

  it('accepts a deployment’s own places', () => {
    const own = loadGazetteer(
      [{ name: 'Walton-on-Thames Station', borough: 'Elmbridge', latitude: 51.373, longitude: -0.414 }],
      [],
    );
    expect(own.exact('walton on thames station')?.entities).toHaveLength(1);
    expect(own.exact('walton on thames')?.level).toBe(2);
    expect(own.boroughs).toEqual(['Elmbridge']);
  });
});

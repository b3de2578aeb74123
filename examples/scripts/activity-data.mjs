// Static data for the demo generator: gemeenten with real streets and PC4s, fictional
// organisations and venues, and a library of Dutch (B1) welzijn activity types.
// Everything here is hand-written. Organisations, venues, phone numbers, e-mail addresses
// and websites are fictional (websites use the reserved `.example` top-level domain).

/** Category labels (Dutch) from packages/schema/src/taxonomy.ts — keys are the API values. */
export const CATEGORY_LABELS = {
  social_contact: 'Ontmoeting',
  cooking_eating: 'Samen koken & eten',
  exercise: 'Bewegen & sport',
  walking_nature: 'Wandelen & natuur',
  creative: 'Creatief & cultuur',
  music_dance: 'Muziek, zang & dans',
  volunteering: 'Vrijwilligerswerk',
  learning: 'Leren & cursussen',
  peer_support: 'Lotgenotencontact',
  grief_loss: 'Rouw & verlies',
  mental_resilience: 'Mentale veerkracht & stress',
  meaning: 'Zingeving',
  buddy: 'Maatje & bezoekdienst',
  money_admin: 'Geldzaken & administratie',
  work_daytime: 'Werk & dagbesteding',
  informal_care: 'Mantelzorgondersteuning',
  practical_help: 'Praktische hulp thuis',
};

export const NEED_LABELS = {
  eenzaamheid: 'Eenzaamheid',
  rouw: 'Rouw en verlies',
  stress: 'Stress en spanning',
  somberheid: 'Somberheid',
  angst: 'Angst en piekeren',
  slaapproblemen: 'Slaapproblemen',
  vermoeidheid: 'Vermoeidheid en weinig energie',
  geldzorgen: 'Geldzorgen en schulden',
  zelfvertrouwen: 'Weinig zelfvertrouwen',
  zinloosheid: 'Zinloosheid',
  mantelzorgbelasting: 'Zware mantelzorg',
  weinig_beweging: 'Weinig beweging',
  overgewicht: 'Overgewicht',
  taalachterstand: 'Moeite met Nederlandse taal',
  werkloosheid: 'Geen werk of dagritme',
  chronische_pijn: 'Leven met pijn of ziekte',
  geheugenproblemen: 'Geheugenproblemen',
};

export const AUDIENCE_LABELS = {
  ouderen: 'Ouderen',
  volwassenen: 'Volwassenen',
  jongeren: 'Jongeren',
  kinderen: 'Kinderen',
  gezinnen: 'Gezinnen',
  mantelzorgers: 'Mantelzorgers',
  nieuwkomers: 'Nieuwkomers',
};

/**
 * Demo gemeenten. Venues: [name, kind, street, pc4, place, wijk]. Streets are real streets
 * of the place; the PC4 is a real PC4 of that place in the GeoNames table (the street
 * may cross more than one PC4). kinds: buurthuis, wijkcentrum, bibliotheek, kerk,
 * sporthal, tuin, kantoor, gezondheidscentrum.
 */
export const GEMEENTEN = {
  utrecht: {
    name: 'Utrecht',
    province: 'Utrecht',
    areaCode: '030',
    pas: 'Met de U-pas doet u gratis mee.',
    venues: [
      ['Buurthuis De Leeuw', 'buurthuis', 'Kanaalstraat', '3531', 'Utrecht', 'Lombok'],
      ['Huis van de Buurt Lombok', 'buurthuis', 'Damstraat', '3531', 'Utrecht', 'Lombok'],
      ['Buurtcentrum De Vleuterpoort', 'wijkcentrum', 'Vleutenseweg', '3532', 'Utrecht', 'Lombok'],
      ['Wijkcentrum De Dreef', 'wijkcentrum', 'Zamenhofdreef', '3562', 'Utrecht', 'Overvecht'],
      ['Buurtcentrum Tigris', 'buurthuis', 'Tigrisdreef', '3561', 'Utrecht', 'Overvecht'],
      ['Bibliotheek Overvecht', 'bibliotheek', 'Zamenhofdreef', '3562', 'Utrecht', 'Overvecht'],
      ['Sporthal Overvecht', 'sporthal', 'Neckardreef', '3562', 'Utrecht', 'Overvecht'],
      ['Wijkcentrum Kanaleneiland', 'wijkcentrum', 'Marco Pololaan', '3526', 'Utrecht', 'Kanaleneiland'],
      ['Sporthal Kanaleneiland', 'sporthal', 'Columbuslaan', '3526', 'Utrecht', 'Kanaleneiland'],
      ['Buurthuis De Pijler', 'buurthuis', 'Rijnlaan', '3522', 'Utrecht', 'Rivierenwijk'],
      ['Buurthuis Hoograven', 'buurthuis', 'Hooft Graaflandstraat', '3525', 'Utrecht', 'Hoograven'],
      ['Buurttuin Rotsoord', 'tuin', 'Rotsoord', '3523', 'Utrecht', 'Hoograven'],
      ['Wijkcentrum Oost', 'wijkcentrum', 'Biltstraat', '3572', 'Utrecht', 'Oost'],
      ['Bibliotheek Oost', 'bibliotheek', 'Nachtegaalstraat', '3581', 'Utrecht', 'Oost'],
      ['Buurtkamer Wittevrouwen', 'buurthuis', 'Wittevrouwenstraat', '3512', 'Utrecht', 'Wittevrouwen'],
      ['Buurthuis Tuinwijk', 'buurthuis', 'Adelaarstraat', '3514', 'Utrecht', 'Tuinwijk'],
      ['Jacobikerk', 'kerk', 'Jacobskerkhof', '3511', 'Utrecht', 'Binnenstad'],
      ['Buurthuis Twijnstraat', 'buurthuis', 'Twijnstraat', '3511', 'Utrecht', 'Binnenstad'],
      ['Buurthuis Zuilen', 'buurthuis', 'Amsterdamsestraatweg', '3551', 'Utrecht', 'Zuilen'],
      ['Moestuin Zuilen', 'tuin', 'Amsterdamsestraatweg', '3551', 'Utrecht', 'Zuilen'],
      ['Wijkcentrum Leidsche Rijn', 'wijkcentrum', 'Brusselplein', '3541', 'Utrecht', 'Leidsche Rijn'],
      ['Gezondheidscentrum Overvecht', 'gezondheidscentrum', 'Zamenhofdreef', '3562', 'Utrecht', 'Overvecht'],
    ],
    orgs: [
      { name: 'Trajectum Welzijn', main: true, desc: 'Trajectum Welzijn helpt inwoners van Utrecht om mee te doen in hun buurt. We organiseren activiteiten in buurthuizen en ondersteunen vrijwilligers.', office: 'Wijkcentrum Oost' },
      { name: 'Welzijn Utrecht-West', main: true, desc: 'Welzijn Utrecht-West is er voor bewoners van Lombok, Kanaleneiland en Leidsche Rijn. Samen met vrijwilligers maken we de buurt gezelliger en sterker.', office: 'Buurtcentrum De Vleuterpoort' },
      { name: 'Stichting Buurtkracht Overvecht', desc: 'Bewoners van Overvecht organiseren samen activiteiten voor en door de buurt.', office: 'Wijkcentrum De Dreef', kinds: ['inloop', 'koken', 'buurtrestaurant', 'spel', 'nieuwkomers', 'ouderkind'] },
      { name: 'Vrijwilligerspunt Domstad', desc: 'Het Vrijwilligerspunt helpt mensen bij het vinden van vrijwilligerswerk dat bij hen past.', office: 'Wijkcentrum Oost', kinds: ['vrijwilligers', 'maatje', 'bezoek', 'klussen'] },
      { name: 'Sportief Utrecht', desc: 'Buurtsportcoaches van Sportief Utrecht zorgen voor laagdrempelig sporten en bewegen in elke wijk.', office: 'Sporthal Kanaleneiland', kinds: ['wandel', 'gym', 'valpreventie', 'stoelyoga', 'buurtsport', 'taichi', 'dans', 'fiets', 'gezond'] },
      { name: 'Stichting Taalpunt Utrecht', desc: 'Taalpunt Utrecht helpt volwassenen die beter Nederlands willen leren lezen, schrijven en spreken.', office: 'Bibliotheek Overvecht', kinds: ['taal', 'digi', 'leesclub'] },
      { name: 'Mantelzorgsteunpunt Utrecht', desc: 'Het Mantelzorgsteunpunt ondersteunt mensen die zorgen voor een naaste.', office: 'Wijkcentrum Oost', kinds: ['mantelzorg', 'geheugen', 'onlinemantelzorg'] },
      { name: 'Stichting Stilte & Zin', desc: 'Geestelijk verzorgers en vrijwilligers die er zijn voor mensen met levensvragen, verdriet of verlies.', office: 'Jacobikerk', kinds: ['rouw', 'zingeving', 'filosofie'] },
      { name: 'Stichting Geldzaken op Orde Utrecht', desc: 'Vrijwilligers helpen inwoners met hun administratie, geldzaken en schulden.', office: 'Buurthuis Hoograven', kinds: ['geld', 'werk'] },
      { name: 'Buurtwerkplaats Lombok', desc: 'Een werkplaats van en voor de buurt: repareren, klussen en samen maken.', office: 'Buurthuis De Leeuw', kinds: ['repair', 'werkplaats', 'klussen'] },
    ],
  },
  rotterdam: {
    name: 'Rotterdam',
    province: 'Zuid-Holland',
    areaCode: '010',
    pas: 'Met de Rotterdampas krijgt u korting.',
    venues: [
      ['Buurthuis De Kameleon', 'buurthuis', 'Zwart Janstraat', '3035', 'Rotterdam', 'Oude Noorden'],
      ['Wijkcentrum Noord', 'wijkcentrum', 'Noordplein', '3035', 'Rotterdam', 'Noord'],
      ['Huis van de Wijk Delfshaven', 'wijkcentrum', 'Schiedamseweg', '3026', 'Rotterdam', 'Delfshaven'],
      ['Buurthuis Spangen', 'buurthuis', 'Mathenesserweg', '3027', 'Rotterdam', 'Spangen'],
      ['Wijkcentrum Middelland', 'wijkcentrum', 'Nieuwe Binnenweg', '3015', 'Rotterdam', 'Middelland'],
      ['Buurthuis Het Oude Westen', 'buurthuis', 'West-Kruiskade', '3014', 'Rotterdam', 'Oude Westen'],
      ['Bibliotheek Centrum', 'bibliotheek', 'Hoogstraat', '3011', 'Rotterdam', 'Centrum'],
      ['Laurenskerk', 'kerk', 'Grotekerkplein', '3011', 'Rotterdam', 'Centrum'],
      ['Huis van de Wijk Afrikaanderwijk', 'wijkcentrum', 'Afrikaanderplein', '3072', 'Rotterdam', 'Afrikaanderwijk'],
      ['Buurthuis Hillesluis', 'buurthuis', 'Groene Hilledijk', '3074', 'Rotterdam', 'Hillesluis'],
      ['Wijkcentrum Tarwewijk', 'wijkcentrum', 'Mijnsherenlaan', '3081', 'Rotterdam', 'Tarwewijk'],
      ['Buurthuis Charlois', 'buurthuis', 'Wolphaertsbocht', '3083', 'Rotterdam', 'Charlois'],
      ['Bibliotheek Zuidplein', 'bibliotheek', 'Zuidplein', '3083', 'Rotterdam', 'Zuidplein'],
      ['Sporthal Zuidwijk', 'sporthal', 'Slinge', '3085', 'Rotterdam', 'Zuidwijk'],
      ['Wijkcentrum Lombardijen', 'wijkcentrum', 'Spinozaweg', '3076', 'Rotterdam', 'Lombardijen'],
      ['Buurthuis Kralingen', 'buurthuis', 'Lusthofstraat', '3062', 'Rotterdam', 'Kralingen'],
      ['Wijkcentrum Ommoord', 'wijkcentrum', 'Hesseplaats', '3069', 'Rotterdam', 'Ommoord'],
      ['Buurthuis Hillegersberg', 'buurthuis', 'Kleiweg', '3051', 'Rotterdam', 'Hillegersberg'],
      ['Buurttuin Crooswijk', 'tuin', 'Crooswijkseweg', '3034', 'Rotterdam', 'Crooswijk'],
      ['Wijkcentrum Overschie', 'wijkcentrum', 'Overschiese Dorpsstraat', '3043', 'Rotterdam', 'Overschie'],
      ['Buurthuis Blijdorp', 'buurthuis', 'Statenweg', '3039', 'Rotterdam', 'Blijdorp'],
      ['Gezondheidscentrum Zuid', 'gezondheidscentrum', 'Pleinweg', '3083', 'Rotterdam', 'Charlois'],
    ],
    orgs: [
      { name: 'Maasoever Welzijn', main: true, desc: 'Maasoever Welzijn werkt in Rotterdam-Noord en -West aan een buurt waar iedereen meedoet.', office: 'Wijkcentrum Noord' },
      { name: 'Welzijn Rotterdam-Zuid', main: true, desc: 'Welzijn Rotterdam-Zuid organiseert activiteiten en hulp voor bewoners van Feijenoord, Charlois en IJsselmonde.', office: 'Wijkcentrum Tarwewijk' },
      { name: 'Stichting Samen Sterk Delfshaven', desc: 'Bewonersorganisatie in Delfshaven en Spangen.', office: 'Huis van de Wijk Delfshaven', kinds: ['inloop', 'koken', 'buurtrestaurant', 'nieuwkomers', 'ouderkind', 'spel'] },
      { name: 'Vrijwilligerscentrale Maasstad', desc: 'De Vrijwilligerscentrale brengt vrijwilligers en organisaties bij elkaar.', office: 'Wijkcentrum Middelland', kinds: ['vrijwilligers', 'maatje', 'bezoek', 'klussen', 'belcirkel'] },
      { name: 'Rotterdam Beweegt Samen', desc: 'Buurtsportcoaches die bewoners van alle leeftijden in beweging brengen.', office: 'Sporthal Zuidwijk', kinds: ['wandel', 'gym', 'valpreventie', 'stoelyoga', 'buurtsport', 'taichi', 'dans', 'fiets', 'gezond'] },
      { name: 'Taalpunt Zuid', desc: 'Vrijwilligers van Taalpunt Zuid helpen volwassenen met Nederlands leren.', office: 'Bibliotheek Zuidplein', kinds: ['taal', 'digi', 'leesclub'] },
      { name: 'Mantelzorgpunt Maasstad', desc: 'Informatie, advies en ontmoeting voor mantelzorgers in Rotterdam.', office: 'Wijkcentrum Ommoord', kinds: ['mantelzorg', 'geheugen', 'onlinemantelzorg'] },
      { name: 'Stichting Rouwcirkel Rotterdam', desc: 'Gespreksgroepen en steun voor mensen die iemand hebben verloren.', office: 'Laurenskerk', kinds: ['rouw', 'zingeving', 'filosofie'] },
      { name: 'Stichting Geldhulp Maasstad', desc: 'Vrijwillige thuisadministrateurs en geldcoaches in heel Rotterdam.', office: 'Buurthuis Hillesluis', kinds: ['geld', 'werk'] },
      { name: 'Werkplaats Crooswijk', desc: 'Een buurtwerkplaats voor repareren, hout bewerken en samen klussen.', office: 'Buurttuin Crooswijk', kinds: ['repair', 'werkplaats', 'moestuin'] },
    ],
  },
  maastricht: {
    name: 'Maastricht',
    province: 'Limburg',
    areaCode: '043',
    pas: null,
    venues: [
      ['Wijkcentrum Malberg', 'wijkcentrum', 'Brusselseweg', '6217', 'Maastricht', 'Malberg'],
      ['Buurthuis Caberg', 'buurthuis', 'Cabergerweg', '6217', 'Maastricht', 'Caberg'],
      ['Buurtcentrum Wittevrouwenveld', 'buurthuis', 'Meerssenerweg', '6222', 'Maastricht', 'Wittevrouwenveld'],
      ['Huis van de Buurt Wyck', 'buurthuis', 'Rechtstraat', '6221', 'Maastricht', 'Wyck'],
      ['Bibliotheek Centre Céramique', 'bibliotheek', 'Avenue Céramique', '6221', 'Maastricht', 'Céramique'],
      ['Moestuin Wyck', 'tuin', 'Akerstraat', '6221', 'Maastricht', 'Wyck'],
      ['Wijkcentrum Heer', 'wijkcentrum', 'Scharnerweg', '6224', 'Maastricht', 'Heer'],
      ['Buurtkamer Binnenstad', 'buurthuis', 'Grote Gracht', '6211', 'Maastricht', 'Binnenstad'],
      ['Sint-Matthiaskerk', 'kerk', 'Boschstraat', '6211', 'Maastricht', 'Binnenstad'],
      ['Buurthuis Sint Pieter', 'buurthuis', 'Sint Pieterstraat', '6211', 'Maastricht', 'Sint Pieter'],
      ['Buurtcentrum Mariaberg', 'wijkcentrum', 'Tongerseweg', '6213', 'Maastricht', 'Mariaberg'],
      ['Wijkcentrum Brusselsepoort', 'wijkcentrum', 'Koningin Emmaplein', '6214', 'Maastricht', 'Brusselsepoort'],
      ['Sporthal Randwyck', 'sporthal', 'Universiteitssingel', '6229', 'Maastricht', 'Randwyck'],
      ['Buurthuis Amby', 'buurthuis', 'Severenstraat', '6225', 'Maastricht', 'Amby'],
      ['Gezondheidscentrum Maastricht-West', 'gezondheidscentrum', 'Brusselseweg', '6217', 'Maastricht', 'Malberg'],
    ],
    orgs: [
      { name: 'Mosae Welzijn', main: true, desc: 'Mosae Welzijn ondersteunt inwoners van Maastricht bij meedoen, ontmoeten en gezond leven.', office: 'Huis van de Buurt Wyck' },
      { name: 'Welzijn Maastricht-West', main: true, desc: 'Welzijnswerk in Malberg, Caberg, Mariaberg en Brusselsepoort.', office: 'Wijkcentrum Malberg' },
      { name: 'Stichting Buurtkracht Wyck', desc: 'Bewoners van Wyck en Céramique organiseren samen activiteiten.', office: 'Huis van de Buurt Wyck', kinds: ['inloop', 'koken', 'buurtrestaurant', 'spel', 'jeudeboules'] },
      { name: 'Vrijwilligerspunt Mestreech', desc: 'Vrijwilligerswerk zoeken en vinden in Maastricht.', office: 'Buurtkamer Binnenstad', kinds: ['vrijwilligers', 'maatje', 'bezoek', 'klussen', 'belcirkel'] },
      { name: 'Beweegpunt Maastricht', desc: 'Laagdrempelig bewegen in de wijk, voor jong en oud.', office: 'Sporthal Randwyck', kinds: ['wandel', 'gym', 'valpreventie', 'stoelyoga', 'buurtsport', 'taichi', 'dans', 'fiets', 'gezond', 'jeudeboules'] },
      { name: 'Mantelzorgpunt Maastricht', desc: 'Steun, advies en ontmoeting voor mantelzorgers.', office: 'Wijkcentrum Heer', kinds: ['mantelzorg', 'geheugen', 'onlinemantelzorg'] },
      { name: 'Stichting Zinnig Leven', desc: 'Gesprekken en groepen over zingeving, verlies en levensvragen.', office: 'Sint-Matthiaskerk', kinds: ['rouw', 'zingeving', 'filosofie'] },
      { name: 'Taalhuis aan de Maas', desc: 'Oefenen met Nederlandse taal en digitale vaardigheden.', office: 'Bibliotheek Centre Céramique', kinds: ['taal', 'digi', 'leesclub', 'geld'] },
    ],
  },
  oldambt: {
    name: 'Oldambt',
    province: 'Groningen',
    areaCode: '0597',
    rural: true,
    pas: null,
    venues: [
      ['Wijkcentrum De Klinker', 'wijkcentrum', 'Blijhamsterstraat', '9671', 'Winschoten', 'Winschoten'],
      ['Ontmoetingscentrum de Venne', 'buurthuis', 'Venne', '9671', 'Winschoten', 'Winschoten'],
      ['Buurtkamer Langestraat', 'buurthuis', 'Langestraat', '9671', 'Winschoten', 'Winschoten'],
      ['Bibliotheek Winschoten', 'bibliotheek', 'Torenstraat', '9671', 'Winschoten', 'Winschoten'],
      ['Marktpleinkerk', 'kerk', 'Marktplein', '9671', 'Winschoten', 'Winschoten'],
      ['Buurthuis Beersterstraat', 'buurthuis', 'Beersterstraat', '9673', 'Winschoten', 'Winschoten'],
      ['Sporthal Tjamsweg', 'sporthal', 'Tjamsweg', '9674', 'Winschoten', 'Winschoten'],
      ['Volkstuin Parkstraat', 'tuin', 'Parkstraat', '9672', 'Winschoten', 'Winschoten'],
      ['Dorpshuis Scheemda', 'buurthuis', 'Stationsstraat', '9679', 'Scheemda', 'Scheemda'],
      ['Dorpshuis Midwolda', 'buurthuis', 'Hoofdweg', '9681', 'Midwolda', 'Midwolda'],
      ['Dorpshuis Oostwold', 'buurthuis', 'Hoofdweg', '9682', 'Oostwold', 'Oostwold'],
      ['Dorpshuis Finsterwolde', 'buurthuis', 'Hoofdweg', '9684', 'Finsterwolde', 'Finsterwolde'],
      ['Dorpshuis Beerta', 'buurthuis', 'Hoofdstraat', '9686', 'Beerta', 'Beerta'],
      ['Dorpshuis Nieuw-Beerta', 'buurthuis', 'Hoofdweg', '9687', 'Nieuw Beerta', 'Nieuw-Beerta'],
      ['Dorpshuis Bad Nieuweschans', 'buurthuis', 'Voorstraat', '9693', 'Bad Nieuweschans', 'Bad Nieuweschans'],
      ['Dorpshuis Nieuwolda', 'buurthuis', 'Hoofdstraat', '9944', 'Nieuwolda', 'Nieuwolda'],
      ['Gezondheidscentrum Winschoten', 'gezondheidscentrum', 'Tjamsweg', '9674', 'Winschoten', 'Winschoten'],
    ],
    orgs: [
      { name: 'Welzijn Oldambt Samen', main: true, desc: 'Welzijn Oldambt Samen is er voor alle inwoners van Winschoten en de dorpen in Oldambt.', office: 'Wijkcentrum De Klinker' },
      { name: 'Stichting Dorpshuizen Oldambt', desc: 'Samenwerkende dorpshuizen in Oldambt.', office: 'Dorpshuis Midwolda', kinds: ['inloop', 'koken', 'buurtrestaurant', 'spel', 'dans', 'koor', 'creatief', 'fiets'] },
      { name: 'Vrijwilligerspunt Oldambt', desc: 'Vrijwilligerswerk en burenhulp in Oldambt.', office: 'Buurtkamer Langestraat', kinds: ['vrijwilligers', 'maatje', 'bezoek', 'klussen', 'belcirkel'] },
      { name: 'Mantelzorgpunt Oost-Groningen', desc: 'Ondersteuning voor mantelzorgers in Oost-Groningen.', office: 'Gezondheidscentrum Winschoten', kinds: ['mantelzorg', 'geheugen', 'onlinemantelzorg'] },
      { name: 'Sportief Oldambt', desc: 'Buurtsportcoaches in Winschoten en de dorpen.', office: 'Sporthal Tjamsweg', kinds: ['wandel', 'gym', 'valpreventie', 'stoelyoga', 'buurtsport', 'taichi', 'fiets', 'gezond'] },
      { name: 'Stichting Taal in de Regio', desc: 'Taalvrijwilligers in Oldambt en omgeving.', office: 'Bibliotheek Winschoten', kinds: ['taal', 'digi', 'leesclub', 'geld'] },
    ],
  },
};

// Street names for synthetic venues in 'nl' mode (common in many Dutch places).
export const COMMON_STREETS = [
  'Kerkstraat', 'Dorpsstraat', 'Schoolstraat', 'Molenweg', 'Stationsweg', 'Julianastraat', 'Wilhelminastraat',
  'Beatrixlaan', 'Oranjestraat', 'Hoofdstraat', 'Nieuwstraat', 'Marktstraat', 'Parkweg', 'Emmastraat', 'Kastanjelaan',
  'Lindelaan', 'Eikenlaan', 'Prins Bernhardstraat', 'Sportlaan', 'Burgemeester de Withstraat', 'Mozartlaan', 'Rembrandtlaan',
  'Irenestraat', 'Vondelstraat', 'Sportparklaan', 'Raadhuisstraat', 'Kloosterstraat', 'Havenstraat', 'Veldweg', 'Zuiderweg',
];
export const VENUE_NAMES = [
  'De Linde', 'De Leeuw', 'Het Anker', 'De Brug', 'De Schakel', 'Het Trefpunt', 'De Ontmoeting', 'Het Klooster', 'De Boog',
  'De Wilg', 'De Eik', 'Het Baken', 'De Kring', 'De Kroon', 'Het Podium', 'De Horizon', "'t Hoekje", 'De Molen', 'De Vonk',
  'De Zon', 'Het Kompas', 'De Tuinkamer', 'De Buurvrouw', 'Het Buurtpunt',
];

/** Time slots per part of day: [opens, closes]. */
export const SLOTS = {
  ochtend: [['09:30', '11:30'], ['10:00', '12:00'], ['09:00', '12:00'], ['10:00', '11:30'], ['10:30', '12:00'], ['09:30', '11:00']],
  middag: [['13:30', '15:30'], ['14:00', '16:00'], ['13:00', '16:00'], ['14:00', '15:30'], ['13:30', '16:30']],
  avond: [['19:00', '21:00'], ['19:30', '21:30'], ['19:00', '20:30'], ['18:30', '20:30'], ['19:30', '21:00']],
  eten: [['17:00', '19:30'], ['17:30', '20:00'], ['12:00', '14:00']],
  kort: [['09:30', '10:00']],
  kantoor: [['09:00', '17:00'], ['08:30', '16:30']],
};

/**
 * Activity types. kind is matched against organisation specialities. Placeholders in
 * titles and descriptions: {wijk} {venue} {plaats} {org}. Title markers: `#n` = use description n,
 * `@part` = part of day (ochtend/middag/avond), `!a,b` = audience, `%n1,n2` = needs (in this order).
 * Description marker: `@part`.
 * sched: schedule kinds (weekly1, weekly2, biweekly, monthly, weekdays, daily, none).
 * cost: cost kinds (free, perkeer:2.5, permaand:15, cursus:35:10, maaltijd:4.5, vrijwillig, koffie:0.5).
 * venues: venue kinds where it happens ('office' = the organisation's office).
 */
export const ACTIVITY_TYPES = [
  {
    kind: 'wandel', weight: 5, cats: ['walking_nature', 'exercise', 'social_contact'], needs: ['weinig_beweging', 'eenzaamheid', 'somberheid', 'stress'],
    aud: [['ouderen'], ['volwassenen', 'ouderen'], ['volwassenen']], venues: ['buurthuis', 'wijkcentrum'], parts: ['ochtend', 'middag'],
    sched: ['weekly1', 'weekly1', 'weekly2'], cost: ['free', 'free', 'vrijwillig'], wor: 0.9, signup: 0.2, wheel: 0.3,
    titles: ['Wandelgroep {wijk}', 'Samen wandelen in {wijk}', 'Beweegwandeling {wijk}', 'Ommetje met de buurt#2', 'Wandelclub {venue}'],
    descs: [
      'Elke week wandelen we samen een rondje van ongeveer een uur door {wijk}. We lopen in een rustig tempo, dus iedereen kan meedoen. Na afloop drinken we samen koffie in {venue}.',
      'Wilt u meer bewegen, maar liever niet alleen? Loop dan mee met onze wandelgroep. Een vrijwilliger kent de route. We wandelen bij elk weer, behalve bij storm of gladheid.',
      'Een frisse neus halen en een praatje maken: dat is onze wandelgroep. We lopen ongeveer 4 kilometer en wachten altijd op elkaar. Goede schoenen zijn handig.',
    ],
  },
  {
    kind: 'koor', weight: 3, cats: ['music_dance', 'social_contact'], needs: ['eenzaamheid', 'somberheid', 'geheugenproblemen'],
    aud: [['ouderen'], ['volwassenen', 'ouderen'], ['volwassenen']], venues: ['buurthuis', 'kerk', 'wijkcentrum'], parts: ['middag', 'avond'],
    sched: ['weekly1'], cost: ['permaand:15', 'perkeer:2.5', 'permaand:10'], wor: 0.7, signup: 0.3, wheel: 0.7,
    titles: ['Buurtkoor {wijk}', 'Zanggroep Zing Mee', 'Smartlappenkoor {wijk}', 'Koor De Zingende Buren', 'Samen zingen in {venue}'],
    descs: [
      'Zingen is goed voor lijf en humeur. In ons buurtkoor zingen we bekende Nederlandse liedjes, smartlappen en af en toe een popnummer. U hoeft geen noten te kunnen lezen en er is geen auditie.',
      'Houdt u van zingen? Kom dan eens kijken bij ons koor. Een dirigent begeleidt ons op de piano. In de pauze drinken we samen koffie of thee. U mag twee keer gratis meezingen om te proberen.',
    ],
  },
  {
    kind: 'taal', weight: 4, cats: ['learning', 'social_contact'], needs: ['taalachterstand', 'eenzaamheid', 'zelfvertrouwen'],
    aud: [['nieuwkomers'], ['nieuwkomers', 'volwassenen'], ['volwassenen']], venues: ['bibliotheek', 'buurthuis', 'wijkcentrum'], parts: ['ochtend', 'middag', 'avond'],
    sched: ['weekly1', 'weekly1', 'weekly2'], cost: ['free'], wor: 0.6, signup: 0.15, wheel: 0.8,
    titles: ['Taalcafé {wijk}#0', 'Taalcafé in de bibliotheek#0', 'Nederlands oefenen aan de koffietafel#0', 'Praatgroep Nederlands#1', 'Oefengroep Nederlands {wijk}#1'],
    descs: [
      'In het taalcafé oefent u Nederlands praten in een ontspannen sfeer. Aan elke tafel zit een vrijwilliger die het gesprek leidt. We praten over gewone dingen: het weer, boodschappen doen, de buurt. Iedereen is welkom, ook als u nog maar een paar woorden Nederlands kent.',
      'Wilt u beter Nederlands spreken of lezen? Kom naar onze praatgroep. U oefent met andere mensen die ook Nederlands leren. Een taalvrijwilliger helpt u, bijvoorbeeld met brieven of met een gesprek bij de dokter.',
    ],
  },
  {
    kind: 'koken', weight: 3, cats: ['cooking_eating', 'social_contact'], needs: ['eenzaamheid', 'overgewicht'],
    aud: [['ouderen'], ['volwassenen', 'ouderen'], ['gezinnen'], ['volwassenen']], venues: ['buurthuis', 'wijkcentrum'], parts: ['eten'],
    sched: ['weekly1', 'biweekly', 'monthly'], cost: ['maaltijd:4.5', 'maaltijd:5', 'maaltijd:3.5'], wor: 0.8, signup: 0.8, wheel: 0.6,
    titles: ['Samen koken en eten', 'Kookclub {wijk}', 'Eettafel voor 55-plussers#0!ouderen', 'Samen koken in {venue}', 'Kookgroep Gezond en Goedkoop'],
    descs: [
      'Samen koken, samen aan tafel. Met een kleine groep buurtbewoners koken we een eenvoudige, gezonde maaltijd. Daarna eten we samen. Iedereen helpt een beetje mee: snijden, roeren of de tafel dekken.',
      'Eet u vaak alleen? Schuif dan aan bij onze kookclub. We koken met verse groenten uit het seizoen en delen recepten die u thuis ook kunt maken. Heeft u een dieet? Zeg het ons, dan houden we er rekening mee.',
    ],
  },
  {
    kind: 'buurtrestaurant', weight: 2, cats: ['cooking_eating', 'social_contact'], needs: ['eenzaamheid', 'geldzorgen'],
    aud: [['volwassenen', 'ouderen'], ['gezinnen', 'volwassenen']], venues: ['buurthuis', 'wijkcentrum', 'kerk'], parts: ['eten'],
    sched: ['weekly1', 'weekly2'], cost: ['maaltijd:6', 'maaltijd:4.5', 'maaltijd:3'], wor: 0.7, signup: 0.6, wheel: 0.8,
    titles: ['Buurtrestaurant {venue}', 'Eetcafé voor de buurt', 'Aanschuiftafel {wijk}', 'Buurtmaaltijd {wijk}'],
    descs: [
      'In ons buurtrestaurant eet u een warme maaltijd met drie gangen voor een kleine prijs. Vrijwilligers koken en bedienen. Het is een fijne plek om buurtgenoten te ontmoeten.',
      'Elke week staat de tafel gedekt voor iedereen uit de buurt. U hoeft niets te doen, alleen aan te schuiven. Graag wel even van tevoren opgeven, dan weten we hoeveel mensen er komen.',
    ],
  },
  {
    kind: 'moestuin', weight: 3, cats: ['walking_nature', 'social_contact'], needs: ['stress', 'somberheid', 'eenzaamheid', 'zinloosheid'],
    aud: [['volwassenen', 'ouderen'], ['volwassenen'], ['gezinnen']], venues: ['tuin'], parts: ['ochtend', 'middag'],
    sched: ['weekly1', 'weekly2'], cost: ['free', 'vrijwillig'], wor: 0.9, signup: 0.3, wheel: 0.3,
    titles: ['Moestuin {wijk}', 'Samen tuinieren in {venue}', 'Buurttuin {wijk}', 'Tuinieren voor iedereen'],
    descs: [
      'In onze buurttuin kweken we groenten, kruiden en bloemen. U hoeft geen ervaring te hebben. We werken samen, in uw eigen tempo. Wat we oogsten, verdelen we onder de tuiniers.',
      'Lekker buiten bezig zijn met uw handen in de aarde. Dat geeft rust. Een ervaren tuinier vertelt wat er te doen is: zaaien, wieden of oogsten. Er is altijd koffie en soms soep van eigen groenten.',
    ],
  },
  {
    kind: 'rouw', weight: 2, cats: ['grief_loss', 'peer_support'], needs: ['rouw', 'somberheid', 'eenzaamheid'],
    aud: [['volwassenen'], ['volwassenen', 'ouderen'], ['jongeren']], venues: ['kerk', 'wijkcentrum', 'office'], parts: ['middag', 'avond'],
    sched: ['biweekly', 'monthly'], cost: ['free', 'vrijwillig'], wor: 0.9, signup: 0.9, wheel: 0.6,
    titles: ['Rouwgroep#0', 'Gespreksgroep na verlies#0', 'Lotgenotengroep rouw en verlies#0', 'Rouwcafé {plaats}#1', 'Verder na verlies#0'],
    descs: [
      'Is uw partner, kind of een ander dierbaar mens overleden? In deze gespreksgroep praat u met anderen die ook iemand hebben verloren. Een getrainde begeleider leidt de gesprekken. U vertelt alleen wat u zelf wilt.',
      'Verdriet om een verlies kan lang duren. In het rouwcafé is ruimte voor uw verhaal, bij een kop koffie en met mensen die begrijpen hoe het voelt. De groep is klein, zodat iedereen aan het woord komt.',
    ],
  },
  {
    kind: 'maatje', weight: 2, cats: ['buddy', 'social_contact'], needs: ['eenzaamheid', 'zelfvertrouwen'],
    aud: [['ouderen'], ['volwassenen', 'ouderen'], ['nieuwkomers']], venues: ['office'], parts: ['ochtend'],
    sched: ['none'], cost: ['free'], wor: 0.95, signup: 1, wheel: 0.7,
    titles: ['Maatjesproject {plaats}', 'Een maatje voor u', 'Maatje voor ouderen!ouderen', 'Samen op stap met een maatje#1'],
    descs: [
      'Voelt u zich alleen en wilt u graag iemand om mee te praten, te wandelen of koffie te drinken? Via het maatjesproject koppelen we u aan een vrijwilliger die bij u past. U spreekt samen af wanneer u elkaar ziet, meestal één keer per week.',
      'Een maatje is een vrijwilliger die een tijdje met u optrekt. Samen naar de markt, een museum bezoeken of gewoon een praatje maken. Eerst komt een coördinator bij u thuis kennismaken.',
    ],
  },
  {
    kind: 'bezoek', weight: 1, cats: ['buddy'], needs: ['eenzaamheid', 'geheugenproblemen'],
    aud: [['ouderen']], venues: ['office'], parts: ['middag'],
    sched: ['none'], cost: ['free'], wor: 0.9, signup: 1, wheel: 0.7,
    titles: ['Bezoekdienst voor ouderen', 'Vriendschappelijk huisbezoek', 'Bezoekvrijwilligers {plaats}'],
    descs: [
      'Komt u niet vaak de deur meer uit? Een bezoekvrijwilliger komt graag bij u langs voor een kopje koffie en een goed gesprek. U spreekt samen af hoe vaak, bijvoorbeeld elke week of om de week.',
    ],
  },
  {
    kind: 'belcirkel', weight: 1, cats: ['buddy', 'social_contact'], needs: ['eenzaamheid'],
    aud: [['ouderen']], venues: ['online'], parts: ['kort'],
    sched: ['daily'], cost: ['free'], wor: 0.8, signup: 1, wheel: 1,
    titles: ['Telefooncirkel', 'Belcirkel voor ouderen', 'Elke ochtend even bellen'],
    descs: [
      'Elke ochtend bellen de deelnemers van de telefooncirkel elkaar even op, in een vaste volgorde. Zo weet u dat er iemand aan u denkt. En als iemand niet opneemt, gaat er iemand kijken.',
    ],
  },
  {
    kind: 'geld', weight: 3, cats: ['money_admin'], needs: ['geldzorgen'],
    aud: [['volwassenen'], ['volwassenen', 'ouderen'], ['gezinnen', 'volwassenen']], venues: ['buurthuis', 'wijkcentrum', 'bibliotheek', 'office'], parts: ['ochtend', 'middag'],
    sched: ['weekly1', 'weekly2'], cost: ['free'], wor: 0.7, signup: 0.4, wheel: 0.8,
    titles: ['Spreekuur geldzaken#0', 'Schuldhulp-spreekuur#0', 'Hulp bij administratie en formulieren#1', 'Geldcafé {wijk}#0', 'Thuisadministratie: hulp bij uw post#1'],
    descs: [
      'Heeft u vragen over rekeningen, toeslagen of brieven van instanties? Of maakt u zich zorgen over schulden? Kom langs op het spreekuur. Een vrijwilliger kijkt met u mee en helpt u op weg. Neem uw papieren mee.',
      'Post blijft liggen, of weet u niet waar u moet beginnen? Onze vrijwillige thuisadministrateurs helpen u om overzicht te krijgen. Samen maken we een plan. Alles wat u vertelt, blijft tussen ons.',
    ],
  },
  {
    kind: 'mantelzorg', weight: 2, cats: ['informal_care', 'peer_support'], needs: ['mantelzorgbelasting', 'stress', 'eenzaamheid'],
    aud: [['mantelzorgers']], venues: ['wijkcentrum', 'buurthuis', 'office'], parts: ['middag', 'avond'],
    sched: ['monthly'], cost: ['free'], wor: 0.8, signup: 0.3, wheel: 0.9,
    titles: ['Mantelzorgcafé {plaats}', 'Ontmoetingsgroep voor mantelzorgers', 'Even bijtanken: mantelzorgcafé', 'Mantelzorgcafé {wijk}'],
    descs: [
      'Zorgt u voor uw partner, ouder of kind? Dan is het fijn om even uw verhaal kwijt te kunnen. In het mantelzorgcafé ontmoet u andere mantelzorgers. Er is elke keer een thema, bijvoorbeeld respijtzorg of omgaan met dementie.',
      'Mantelzorg geeft voldoening, maar kost ook veel energie. Kom een middag bijtanken met andere mantelzorgers. Een consulent van het mantelzorgpunt is erbij voor tips en vragen.@middag',
    ],
  },
  {
    kind: 'onlinemantelzorg', weight: 1, cats: ['informal_care', 'peer_support'], needs: ['mantelzorgbelasting', 'stress'],
    aud: [['mantelzorgers']], venues: ['online'], parts: ['avond'],
    sched: ['monthly', 'biweekly'], cost: ['free'], wor: 0.6, signup: 1, wheel: 1,
    titles: ['Online lotgenotengroep voor mantelzorgers', 'Mantelzorgers online: praten via video'],
    descs: [
      'Lukt het niet om de deur uit te gaan, omdat u de zorg niet kunt overdragen? Doe dan mee met onze online groep. Via een videoverbinding praat u met andere mantelzorgers. Na aanmelding krijgt u een link per e-mail.',
    ],
  },
  {
    kind: 'geheugen', weight: 1, cats: ['social_contact', 'informal_care'], needs: ['geheugenproblemen', 'mantelzorgbelasting', 'eenzaamheid'],
    aud: [['ouderen', 'mantelzorgers']], venues: ['wijkcentrum', 'buurthuis'], parts: ['ochtend', 'middag'],
    sched: ['weekly1', 'monthly'], cost: ['free', 'perkeer:2'], wor: 0.8, signup: 0.6, wheel: 1,
    titles: ['Ontmoetingsgroep geheugen', 'Geheugencafé {plaats}', 'Samen actief bij geheugenproblemen'],
    descs: [
      'Heeft u last van vergeetachtigheid, of heeft uw naaste dementie? In deze groep doen we samen leuke dingen: een spelletje, muziek, een korte wandeling. Mantelzorgers zijn ook welkom. Er is altijd een deskundige begeleider.',
    ],
  },
  {
    kind: 'valpreventie', weight: 2, cats: ['exercise'], needs: ['weinig_beweging'], minAge: 65,
    aud: [['ouderen']], venues: ['sporthal', 'wijkcentrum'], parts: ['ochtend', 'middag'],
    sched: ['weekly1', 'weekly2'], cost: ['cursus:35:10', 'free', 'cursus:30:10'], wor: 0.8, signup: 1, wheel: 0.9,
    titles: ['Valpreventie: In Balans#0', 'Valpreventietraining {wijk}#0', 'Veilig bewegen voor 65-plussers', 'Cursus Sterk en Stevig#1'],
    descs: [
      'Bent u bang om te vallen, of bent u al eens gevallen? In deze training oefent u met balans, spierkracht en veilig opstaan. Een fysiotherapeut begeleidt de groep. De training duurt tien weken.',
      'Stevig op uw benen staan: daar gaat het om in deze cursus valpreventie. Met eenvoudige oefeningen werkt u aan uw evenwicht. U krijgt ook oefeningen mee voor thuis.',
    ],
  },
  {
    kind: 'stoelyoga', weight: 2, cats: ['exercise', 'mental_resilience'], needs: ['weinig_beweging', 'stress', 'chronische_pijn'],
    aud: [['ouderen'], ['volwassenen', 'ouderen']], venues: ['buurthuis', 'wijkcentrum'], parts: ['ochtend', 'middag'],
    sched: ['weekly1'], cost: ['perkeer:3', 'perkeer:2.5', 'permaand:12'], wor: 0.8, signup: 0.4, wheel: 1,
    titles: ['Stoelyoga', 'Stoelyoga voor senioren!ouderen', 'Yoga op de stoel', 'Zachte yoga in {venue}'],
    descs: [
      'Yoga op een stoel is rustig bewegen voor iedereen, ook als u niet meer makkelijk op de grond zit. We doen ademhalingsoefeningen en zachte rek- en strekoefeningen. U gaat ontspannen naar huis.',
      'In deze les doen we yoga-oefeningen op en naast een stoel. Dat is veilig en goed voor uw soepelheid. De docent past de oefeningen aan als iets niet gaat.',
    ],
  },
  {
    kind: 'gym', weight: 3, cats: ['exercise', 'social_contact'], needs: ['weinig_beweging', 'eenzaamheid', 'vermoeidheid'], minAge: 55,
    aud: [['ouderen']], venues: ['sporthal', 'buurthuis', 'wijkcentrum'], parts: ['ochtend'],
    sched: ['weekly1', 'weekly2'], cost: ['permaand:15', 'perkeer:3', 'permaand:12.5'], wor: 0.7, signup: 0.3, wheel: 0.8,
    titles: ['Gym voor 55-plussers', 'Beweegles voor ouderen', 'Seniorengym {wijk}', 'Fit in de wijk'],
    descs: [
      'Samen bewegen op muziek, in een rustig tempo. De oefeningen zijn goed voor uw spieren, gewrichten en conditie. Na de les drinken we samen een kopje koffie.',
      'Blijf fit en ontmoet anderen! Onze beweegdocent zorgt voor afwisselende lessen met balletjes, elastieken en dansjes. U doet mee op uw eigen niveau.',
    ],
  },
  {
    kind: 'taichi', weight: 1, cats: ['exercise', 'mental_resilience'], needs: ['stress', 'weinig_beweging', 'slaapproblemen'],
    aud: [['volwassenen', 'ouderen']], venues: ['buurthuis', 'wijkcentrum', 'sporthal'], parts: ['ochtend'],
    sched: ['weekly1'], cost: ['perkeer:3', 'permaand:15'], wor: 0.7, signup: 0.3, wheel: 0.6,
    titles: ['Tai chi voor beginners', 'Qigong in de ochtend', 'Tai chi in {wijk}'],
    descs: [
      'Tai chi bestaat uit langzame, vloeiende bewegingen. Het is goed voor uw balans en het helpt om tot rust te komen. U heeft geen ervaring nodig. Draag makkelijke kleding.',
    ],
  },
  {
    kind: 'dans', weight: 2, cats: ['music_dance', 'exercise'], needs: ['weinig_beweging', 'eenzaamheid', 'somberheid'],
    aud: [['ouderen'], ['volwassenen', 'ouderen']], venues: ['buurthuis', 'wijkcentrum'], parts: ['middag', 'avond'],
    sched: ['weekly1', 'biweekly'], cost: ['perkeer:3', 'perkeer:2.5'], wor: 0.6, signup: 0.2, wheel: 0.5,
    titles: ['Dansen voor 55-plussers!ouderen', 'Line dance {wijk}', 'Seniorendansen!ouderen', 'Danscafé {venue}'],
    descs: [
      'Houdt u van muziek en bewegen? Kom dansen! We leren eenvoudige dansen die u snel onder de knie heeft. U heeft geen danspartner nodig. Het gaat om plezier, niet om perfectie.',
    ],
  },
  {
    kind: 'fiets', weight: 1, cats: ['exercise', 'walking_nature', 'social_contact'], needs: ['weinig_beweging', 'eenzaamheid'],
    aud: [['ouderen'], ['volwassenen', 'ouderen']], venues: ['buurthuis', 'wijkcentrum'], parts: ['middag', 'ochtend'],
    sched: ['weekly1', 'biweekly'], cost: ['free', 'vrijwillig'], wor: 0.7, signup: 0.7, wheel: 0.5,
    titles: ['Samen fietsen op de duofiets#0', 'Fietsgroep {wijk}#1', 'Fietsmaatjes {plaats}#0', 'Fietstocht met de buurt#1'],
    descs: [
      'Kunt u niet meer alleen fietsen, maar mist u het wel? Stap dan op de duofiets, samen met een vrijwilliger. U fietst naast elkaar en u trapt zoveel mee als u wilt. Heerlijk om weer buiten te zijn.',
      'Met een groepje maken we een fietstocht van ongeveer 25 kilometer door de omgeving. Onderweg stoppen we voor koffie. Een e-bike is prima.',
    ],
  },
  {
    kind: 'repair', weight: 2, cats: ['practical_help', 'volunteering', 'social_contact'], needs: ['eenzaamheid', 'zinloosheid'],
    aud: [['volwassenen', 'ouderen'], ['volwassenen']], venues: ['buurthuis', 'wijkcentrum', 'bibliotheek'], parts: ['ochtend', 'middag'],
    sched: ['monthly'], cost: ['vrijwillig'], wor: 0.4, signup: 0, wheel: 0.7,
    titles: ['Repair Café {wijk}', 'Repair Café {venue}', 'Repareren in plaats van weggooien'],
    descs: [
      'Is uw broodrooster kapot, of zit er een gat in uw jas? Neem het mee naar het Repair Café. Vrijwillige reparateurs maken het samen met u. Ondertussen drinkt u koffie met andere buurtbewoners. Bent u handig? Ook als vrijwilliger bent u welkom.',
    ],
  },
  {
    kind: 'klussen', weight: 1, cats: ['practical_help'], needs: ['mantelzorgbelasting'],
    aud: [['ouderen'], ['volwassenen', 'ouderen']], venues: ['office'], parts: ['ochtend'],
    sched: ['none'], cost: ['perklus:5', 'vrijwillig'], wor: 0.3, signup: 1, wheel: 0.7,
    titles: ['Klussendienst {plaats}', 'Boodschappenhulp', 'Hulpdienst voor kleine klussen'],
    descs: [
      'Een lamp ophangen, de tuin bijhouden of boodschappen doen: soms lukt het niet meer zelf. Onze vrijwilligers helpen u graag bij kleine klussen. Bel ons, dan zoeken we iemand die u kan helpen.',
    ],
  },
  {
    kind: 'zingeving', weight: 2, cats: ['meaning'], needs: ['zinloosheid', 'rouw', 'somberheid'],
    aud: [['volwassenen', 'ouderen'], ['ouderen']], venues: ['kerk', 'office', 'wijkcentrum'], parts: ['ochtend', 'middag'],
    sched: ['none', 'biweekly'], cost: ['free'], wor: 0.9, signup: 1, wheel: 0.7,
    titles: ['Zingevingsgesprekken#0', 'Gesprekken over levensvragen#0', 'Gespreksgroep Zin in het leven#1', 'Levensvragencafé#1'],
    descs: [
      'Soms loopt het leven anders dan u had gedacht. Door ziekte, verlies of ouder worden komen er vragen: waar leef ik voor? Wat geeft mij nog vreugde? Een geestelijk verzorger gaat met u in gesprek, alleen of in een kleine groep. De gesprekken zijn voor iedereen, gelovig of niet.',
      'In deze groep praten we over wat het leven de moeite waard maakt. Elke keer is er een ander onderwerp, zoals afscheid, dankbaarheid of hoop. U luistert en vertelt zoveel als u wilt.',
    ],
  },
  {
    kind: 'filosofie', weight: 1, cats: ['meaning', 'learning'], needs: ['zinloosheid', 'eenzaamheid'],
    aud: [['volwassenen'], ['volwassenen', 'ouderen']], venues: ['bibliotheek', 'kerk', 'buurthuis'], parts: ['avond'],
    sched: ['monthly'], cost: ['perkeer:5', 'vrijwillig'], wor: 0.4, signup: 0.5, wheel: 0.8,
    titles: ['Filosofisch café', 'Gespreksavond over het goede leven', 'Denkcafé {plaats}'],
    descs: [
      'Eén keer per maand praten we met elkaar over een grote vraag, zoals: wat is een goed leven? Of: wat betekent vriendschap? Een gespreksleider zorgt dat iedereen aan bod komt. U hoeft niets te weten van filosofie.',
    ],
  },
  {
    kind: 'digi', weight: 3, cats: ['learning', 'practical_help'], needs: ['zelfvertrouwen', 'taalachterstand'],
    aud: [['ouderen'], ['volwassenen', 'ouderen'], ['nieuwkomers', 'volwassenen']], venues: ['bibliotheek', 'buurthuis', 'wijkcentrum'], parts: ['ochtend', 'middag'],
    sched: ['weekly1', 'weekly2', 'biweekly'], cost: ['free'], wor: 0.4, signup: 0.3, wheel: 0.9,
    titles: ['Digi-spreekuur#0', 'Hulp bij uw telefoon en tablet#0', 'Digitaal Café {wijk}#1', 'Spreekuur DigiD en internet#0'],
    descs: [
      'Heeft u vragen over uw smartphone, tablet of computer? Wilt u leren videobellen, of lukt het niet met DigiD? Kom naar het digi-spreekuur. Vrijwilligers helpen u stap voor stap. Neem uw eigen apparaat mee.',
      'Steeds meer gaat via internet: afspraken bij de huisarts, bankzaken, formulieren. In het Digitaal Café leert u dat rustig en in uw eigen tempo. Er is geen domme vraag.',
    ],
  },
  {
    kind: 'inloop', weight: 5, cats: ['social_contact'], needs: ['eenzaamheid', 'somberheid'],
    aud: [['ouderen'], ['volwassenen', 'ouderen'], ['volwassenen']], venues: ['buurthuis', 'wijkcentrum', 'kerk'], parts: ['ochtend', 'middag'],
    sched: ['weekdays', 'weekly2', 'weekly1'], cost: ['free', 'koffie:0.5', 'koffie:1'], wor: 0.9, signup: 0, wheel: 0.8,
    titles: ['Inloop met koffie#0', 'Koffieochtend {wijk}#0@ochtend', 'Buurtkamer {wijk}#1', 'Open inloop in {venue}#0', 'Huiskamer van de wijk#1'],
    descs: [
      'Zin in een kopje koffie en een praatje? De deur van {venue} staat open. U kunt gewoon binnenlopen, ook als u niemand kent. Er liggen kranten en spelletjes, en een vrijwilliger maakt graag kennis met u.',
      'In de buurtkamer is altijd iemand om mee te praten. U komt en gaat wanneer u wilt. Heeft u een vraag over de buurt of wilt u meedoen met een activiteit? De gastvrouw of gastheer helpt u verder.',
    ],
  },
  {
    kind: 'spel', weight: 3, cats: ['social_contact'], needs: ['eenzaamheid', 'geheugenproblemen'],
    aud: [['ouderen'], ['volwassenen', 'ouderen']], venues: ['buurthuis', 'wijkcentrum'], parts: ['middag', 'avond'],
    sched: ['weekly1', 'biweekly'], cost: ['perkeer:1', 'perkeer:2', 'free'], wor: 0.7, signup: 0, wheel: 0.8,
    titles: ['Klaverjasmiddag#0@middag', 'Spelletjesmiddag#1', 'Sjoelen en rummikub#0', 'Bingo in {venue}#1', 'Klaverjasavond {wijk}#0@avond'],
    descs: [
      'Houdt u van kaarten of een spelletje? We spelen klaverjas, rummikub en sjoelen. Het gaat om de gezelligheid, niet om winnen. Nieuwe spelers zijn welkom, we leggen het spel graag uit.',
      'Een gezellige middag met een spelletje en een praatje. Er is koffie, thee en iets lekkers. U hoeft zich niet op te geven.@middag',
    ],
  },
  {
    kind: 'creatief', weight: 3, cats: ['creative', 'social_contact'], needs: ['somberheid', 'stress', 'eenzaamheid', 'zelfvertrouwen'],
    aud: [['volwassenen', 'ouderen'], ['volwassenen'], ['ouderen']], venues: ['buurthuis', 'wijkcentrum', 'bibliotheek'], parts: ['ochtend', 'middag', 'avond'],
    sched: ['weekly1', 'biweekly'], cost: ['perkeer:2.5', 'perkeer:3', 'cursus:40:8'], wor: 0.8, signup: 0.5, wheel: 0.7,
    titles: ['Schilderen en tekenen#0', 'Creatief atelier {wijk}#0', 'Handwerkclub: breien en haken#1', 'Kunstcafé {venue}#0', 'Schrijfgroep Verhalen uit de buurt#2', 'Brei- en haakcafé {wijk}#1'],
    descs: [
      'Lekker bezig zijn met uw handen. In het atelier kunt u schilderen, tekenen of met klei werken. Een kunstenaar geeft tips, maar u bepaalt zelf wat u maakt. Materiaal is aanwezig.',
      'Breit of haakt u graag, of wilt u het leren? Neem uw werkje mee en kom gezellig aanschuiven. We helpen elkaar met patronen en kletsen ondertussen over van alles.',
      'In de schrijfgroep schrijven we korte verhalen over vroeger en nu. We lezen ze aan elkaar voor. U hoeft geen schrijver te zijn: iedereen heeft verhalen.',
    ],
  },
  {
    kind: 'leesclub', weight: 1, cats: ['creative', 'learning', 'social_contact'], needs: ['eenzaamheid', 'zinloosheid'],
    aud: [['volwassenen', 'ouderen']], venues: ['bibliotheek'], parts: ['middag', 'avond'],
    sched: ['monthly'], cost: ['free', 'perkeer:2'], wor: 0.5, signup: 0.6, wheel: 1,
    titles: ['Leesclub in de bibliotheek#0', 'Voorleesgroep voor ouderen#1!ouderen', 'Boekenclub {plaats}#0'],
    descs: [
      'Eén keer per maand bespreken we samen een boek. We kiezen boeken die niet te moeilijk zijn. Ook als u het boek niet helemaal uit heeft, bent u welkom.',
      'Houdt u van verhalen, maar is lezen lastig geworden? In de voorleesgroep leest een vrijwilliger voor uit een boek of de krant. Daarna praten we erover.',
    ],
  },
  {
    kind: 'stress', weight: 2, cats: ['mental_resilience'], needs: ['stress', 'angst', 'slaapproblemen', 'somberheid'],
    aud: [['volwassenen'], ['jongeren', 'volwassenen']], venues: ['wijkcentrum', 'bibliotheek', 'office'], parts: ['avond', 'middag'],
    sched: ['weekly1'], cost: ['free', 'cursus:25:6'], wor: 0.9, signup: 1, wheel: 0.8,
    titles: ['Training Omgaan met stress#0', 'Mindfulness voor beginners#1', 'Cursus Minder piekeren#0', 'Ontspanningsgroep#1', 'Cursus Beter slapen#2%slaapproblemen,vermoeidheid'],
    descs: [
      'Voelt u zich vaak gespannen, of ligt u wakker van het piekeren? In deze cursus van zes bijeenkomsten leert u meer over stress en wat u eraan kunt doen. We oefenen met ademhaling en ontspanning. U krijgt tips voor thuis.',
      'Met eenvoudige oefeningen leert u beter omgaan met spanning en zorgen. De groep is klein, zodat er tijd is voor uw vragen. De trainer is een ervaren praktijkondersteuner.',
      'Slaapt u slecht, of wordt u moe wakker? In deze cursus leert u wat goed slapen helpt: een vast ritme, ontspanning en minder piekeren in bed. U houdt een slaapdagboek bij en we bespreken samen wat werkt.',
    ],
  },
  {
    kind: 'jongeren', weight: 1, cats: ['mental_resilience', 'peer_support'], needs: ['zelfvertrouwen', 'somberheid', 'stress'], minAge: 14, maxAge: 23,
    aud: [['jongeren']], venues: ['wijkcentrum', 'buurthuis'], parts: ['avond', 'middag'],
    sched: ['weekly1'], cost: ['free'], wor: 0.6, signup: 0.8, wheel: 0.8,
    titles: ['Jongerengroep Lekker in je vel', 'Weerbaarheidstraining voor jongeren', 'Praatgroep voor jongeren'],
    descs: [
      'Voel je je vaak onzeker, of zit je niet lekker in je vel? In deze groep praat je met andere jongeren. Je leert hoe je voor jezelf opkomt en wat je kunt doen als het even tegenzit. Een jongerenwerker begeleidt de groep.',
    ],
  },
  {
    kind: 'buurtsport', weight: 2, cats: ['exercise', 'social_contact'], needs: ['weinig_beweging', 'overgewicht', 'zelfvertrouwen'], minAge: 12, maxAge: 23,
    aud: [['jongeren']], venues: ['sporthal'], parts: ['avond', 'middag'],
    sched: ['weekly1', 'weekly2'], cost: ['free'], wor: 0.3, signup: 0, wheel: 0.5,
    titles: ['Buurtsport {wijk}', 'Zaalvoetbal voor jongeren', 'Sportinstuif {wijk}'],
    descs: [
      'Gewoon binnenlopen en meedoen: voetbal, basketbal of een potje trefbal. De buurtsportcoach zorgt voor de ballen en een goede sfeer. Neem sportschoenen mee.',
    ],
  },
  {
    kind: 'ouderkind', weight: 2, cats: ['social_contact'], needs: ['eenzaamheid', 'stress'],
    aud: [['gezinnen']], venues: ['buurthuis', 'bibliotheek', 'wijkcentrum'], parts: ['ochtend'],
    sched: ['weekly1'], cost: ['free'], wor: 0.5, signup: 0, wheel: 1,
    titles: ['Koffieochtend voor ouders', 'Peuter-inloop {wijk}', 'Ouder-en-kindochtend'],
    descs: [
      'Terwijl de kinderen spelen, drinkt u koffie met andere ouders uit de buurt. U kunt ervaringen delen en vragen stellen over opvoeden. Er is vaak een medewerker van het consultatiebureau of een pedagoog aanwezig.',
    ],
  },
  {
    kind: 'nieuwkomers', weight: 2, cats: ['social_contact', 'learning'], needs: ['taalachterstand', 'eenzaamheid'],
    aud: [['nieuwkomers']], venues: ['buurthuis', 'wijkcentrum'], parts: ['ochtend', 'middag'],
    sched: ['weekly1'], cost: ['free'], wor: 0.5, signup: 0.2, wheel: 0.8,
    titles: ['Ontmoetingsgroep voor nieuwkomers#0', 'Vrouwengroep {wijk}#1', 'Welkom in {plaats}: samen op ontdekking#0'],
    descs: [
      'Bent u nieuw in Nederland? In deze groep ontmoet u andere nieuwkomers en mensen uit de buurt. We oefenen Nederlands, gaan samen op pad en praten over hoe dingen hier werken.',
      'Een groep voor vrouwen uit de wijk, van alle culturen. We drinken thee, koken soms samen en praten over wat ons bezighoudt. Kinderen zijn welkom.',
    ],
  },
  {
    kind: 'vrijwilligers', weight: 2, cats: ['volunteering', 'work_daytime'], needs: ['zinloosheid', 'werkloosheid', 'eenzaamheid', 'zelfvertrouwen'],
    aud: [['volwassenen'], ['volwassenen', 'ouderen'], ['jongeren', 'volwassenen']], venues: ['office', 'bibliotheek'], parts: ['ochtend', 'middag'],
    sched: ['weekly1', 'weekly2'], cost: ['free'], wor: 0.9, signup: 0.5, wheel: 0.9,
    titles: ['Vrijwilligerswerk vinden', 'Spreekuur vrijwilligerswerk', 'Vrijwilligerspunt {wijk}', 'Matchpunt vrijwilligerswerk'],
    descs: [
      'Wilt u iets betekenen voor een ander, nieuwe mensen leren kennen of weer een dagritme krijgen? Op het spreekuur zoeken we samen met u naar vrijwilligerswerk dat bij u past. Er is veel keus: van koffie schenken in het buurthuis tot meehelpen bij de voedselbank.',
    ],
  },
  {
    kind: 'werkplaats', weight: 2, cats: ['work_daytime', 'creative'], needs: ['werkloosheid', 'zinloosheid', 'zelfvertrouwen'],
    aud: [['volwassenen']], venues: ['buurthuis', 'wijkcentrum', 'office'], parts: ['ochtend'],
    sched: ['weekdays', 'weekly2'], cost: ['free'], wor: 0.8, signup: 1, wheel: 0.5,
    titles: ['Houtwerkplaats {wijk}', 'Buurtwerkplaats', 'Dagbesteding in de werkplaats', 'Werkplaats Doe Mee'],
    descs: [
      'In de werkplaats maken we van oud hout nieuwe dingen: vogelhuisjes, bankjes en plantenbakken voor de buurt. U werkt mee op uw eigen tempo en leert nieuwe vaardigheden. Het geeft structuur aan de dag.',
    ],
  },
  {
    kind: 'werk', weight: 1, cats: ['work_daytime', 'learning'], needs: ['werkloosheid', 'zelfvertrouwen', 'geldzorgen'],
    aud: [['volwassenen'], ['jongeren', 'volwassenen']], venues: ['bibliotheek', 'wijkcentrum', 'office'], parts: ['ochtend', 'middag'],
    sched: ['weekly1'], cost: ['free'], wor: 0.5, signup: 0.6, wheel: 0.9,
    titles: ['Werkcafé', 'Samen zoeken naar werk', 'Sollicitatiehulp {wijk}'],
    descs: [
      'Zoekt u werk, maar weet u niet goed hoe u moet beginnen? In het werkcafé helpen vrijwilligers u met uw cv, een sollicitatiebrief of het zoeken naar vacatures. U kunt ook oefenen voor een gesprek.',
    ],
  },
  {
    kind: 'pijn', weight: 1, cats: ['peer_support'], needs: ['chronische_pijn', 'somberheid', 'eenzaamheid'],
    aud: [['volwassenen'], ['volwassenen', 'ouderen']], venues: ['wijkcentrum', 'office', 'online'], parts: ['middag', 'avond'],
    sched: ['monthly', 'biweekly'], cost: ['free'], wor: 0.8, signup: 0.7, wheel: 1,
    titles: ['Lotgenotengroep leven met pijn', 'Praatgroep chronisch ziek', 'Lotgenotencontact long covid'],
    descs: [
      'Leven met pijn of een chronische ziekte is zwaar, ook omdat anderen het vaak niet zien. In deze groep deelt u ervaringen met mensen die hetzelfde meemaken. We geven elkaar tips en steun.',
    ],
  },
  {
    kind: 'gezond', weight: 1, cats: ['exercise', 'cooking_eating'], needs: ['overgewicht', 'weinig_beweging', 'vermoeidheid'],
    aud: [['volwassenen'], ['gezinnen']], venues: ['wijkcentrum', 'sporthal'], parts: ['avond', 'ochtend'],
    sched: ['weekly1'], cost: ['free', 'cursus:20:10'], wor: 0.9, signup: 1, wheel: 0.8,
    titles: ['Samen gezonder: beweeg- en voedingsgroep', 'Gezond in de wijk', 'Beweegprogramma Fit & Vitaal'],
    descs: [
      'Wilt u afvallen of gezonder leven, maar lukt het niet alleen? In deze groep bewegen we samen en krijgt u tips van een diëtist over gezond en betaalbaar eten. Het programma duurt tien weken.',
    ],
  },
  {
    kind: 'jeudeboules', weight: 1, cats: ['exercise', 'social_contact'], needs: ['eenzaamheid', 'weinig_beweging'],
    aud: [['ouderen'], ['volwassenen', 'ouderen']], venues: ['buurthuis', 'wijkcentrum'], parts: ['middag'],
    sched: ['weekly1', 'weekly2'], cost: ['perkeer:1', 'free'], wor: 0.6, signup: 0, wheel: 0.4,
    titles: ['Jeu de boules {wijk}', 'Jeu de boules bij {venue}'],
    descs: [
      'Op de baan naast {venue} spelen we jeu de boules. Ballen zijn er genoeg. Het is een rustig spel dat iedereen kan leren, en er wordt veel gelachen.',
    ],
  },
];

/** The welzijnscoach (Welzijn op Recept) service text. */
export const WELZIJNSCOACH = {
  cats: ['social_contact', 'mental_resilience', 'meaning'],
  needs: ['eenzaamheid', 'somberheid', 'stress', 'zinloosheid', 'rouw', 'mantelzorgbelasting', 'geldzorgen'],
  aud: ['volwassenen', 'ouderen'],
  title: 'Welzijnscoach {gemeente} (Welzijn op Recept)',
  desc:
    'Heeft uw huisarts of praktijkondersteuner u doorverwezen via Welzijn op Recept? Dan belt een welzijnscoach u binnen een week voor een afspraak. Samen praten we over wat u belangrijk vindt en wat u energie geeft. Daarna zoeken we een activiteit, een maatje of vrijwilligerswerk dat bij u past. U kunt ook zelf contact met ons opnemen. De gesprekken zijn gratis.',
};

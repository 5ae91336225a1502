/**
 * Realistic, varied names for seeded companies: people and businesses drawn from a seeded
 * pseudo-random generator, so a seed of 20,000 customers is the same on every run.
 */

/** mulberry32: small, fast, deterministic. */
export function randomSource(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN = ('Aaliyah Aaron Abigail Adam Adrian Aiden Alan Alexis Alice Alicia Amara Amelia Ana Andre Andrea Angela Anika Anthony Arjun Ava Barbara Benjamin Bianca Brandon Brenda Brian Caleb Camila Carlos Carmen Caroline Carter Catherine Chen Chloe Christopher Claire Daniel David Deborah Deepa Diana Diego Dmitri Donna Dylan Elena Elijah Elizabeth Ella Emily Emma Eric Ethan Fatima Felix Fiona Gabriel Grace Hannah Harper Hassan Helen Henry Hiroshi Ian Isabella Isaac Ivan Jack Jacob James Jasmine Jason Javier Jennifer Jessica John Jordan Jose Joseph Joshua Julia Justin Karen Kate Kenji Kevin Kimberly Laura Layla Leah Leo Liam Lily Linda Logan Lucas Lucia Luis Madison Malik Maria Mark Mateo Maya Megan Mei Michael Michelle Mohammed Nadia Naomi Natalie Nathan Nicole Noah Nora Olivia Omar Oscar Patricia Paul Pedro Priya Rachel Rahul Rebecca Ricardo Robert Rosa Ryan Samantha Samuel Sandra Sara Sean Sofia Sophia Stephanie Steven Susan Tanya Thomas Tiffany Timothy Tyler Valentina Victoria Vikram Wei William Xavier Yara Yusuf Zachary Zoe').split(' ');
const FAMILY = ('Abbott Adams Agarwal Ahmed Alvarez Anderson Andrews Armstrong Bailey Baker Banerjee Barnes Bell Bennett Berg Bishop Brooks Brown Bryant Burke Butler Campbell Carter Castillo Chang Chavez Chen Clark Cohen Coleman Collins Cook Cooper Cruz Daniels Davis Diaz Dixon Duncan Edwards Ellis Evans Ferguson Fernandez Fischer Fisher Flores Ford Foster Fox Garcia Gardner Gibson Gomez Gonzalez Gordon Graham Grant Gray Green Griffin Gupta Hall Hamilton Hansen Harris Hayes Henderson Hernandez Hill Hoffman Holmes Howard Hughes Hunt Ito Jackson James Jenkins Jensen Johnson Jones Jordan Kaur Kelly Kennedy Khan Kim King Klein Knight Kowalski Kumar Larsen Lee Lewis Lin Lopez Marshall Martin Martinez Mason Matthews Mendoza Meyer Miller Mitchell Moore Morales Morgan Morris Murphy Murray Nakamura Nelson Nguyen Nielsen Novak Okafor Olsen Ortiz Owens Palmer Park Parker Patel Perez Perry Peterson Phillips Porter Powell Price Quinn Ramirez Reed Reyes Reynolds Rivera Roberts Robinson Rodriguez Rogers Ross Russell Ryan Sanchez Sanders Schmidt Scott Shah Shaw Silva Simmons Singh Smith Snyder Stewart Stone Sullivan Suzuki Tanaka Taylor Thomas Thompson Torres Tran Turner Walker Wallace Wang Ward Warren Washington Watson Webb Weber West White Williams Wilson Wong Wood Wright Wu Yamamoto Young Zhang').split(' ');
const PLACES = ('Alder Aspen Bayview Beacon Birch Blue Ridge Brookside Canyon Cedar Coastal Copper Creekside Crescent Eastside Elm Evergreen Fairview Falcon Golden Granite Harbor Harvest Highland Hillcrest Iron Lakeside Liberty Maple Meadow Midtown Northgate Oak Orchard Pacific Pinecrest Pioneer Prairie Redwood Ridgeline Riverbend Rockport Sierra Silver Summit Sunrise Timber Union Valley Westfield Willow').split(' ');
const TRADES = ('Accounting Architecture Auto Repair Bakery Bistro Builders Cabinetry Catering Chiropractic Cleaning Coffee Roasters Construction Consulting Dental Design Studio Electric Engineering Events Farms Fitness Flooring Florist Framing Furniture Hardware Health Clinic Heating & Air Interiors Landscaping Law Group Logistics Machine Works Marketing Medical Supply Moving Nursery Optometry Painting Pet Care Pharmacy Photography Plumbing Printing Realty Roofing Software Solar Staffing Tailoring Tile Travel Upholstery Veterinary Winery').split(' ');
const FORMS = ['LLC', 'Inc.', 'Co.', 'Ltd.', 'Group', 'Partners', '& Sons', 'Associates', ''];
const STREETS = ['Main St', 'Oak Ave', 'Maple Dr', 'Cedar Ln', 'Park Blvd', 'Washington St', 'Lake Rd', 'Hill St', 'Pine Ct', 'Elm St', 'Market St', 'Broadway', 'Church St', 'Mill Rd', '2nd Ave'];
const CITIES: Array<[string, string, string]> = [
  ['San Jose', 'CA', '951'], ['Sacramento', 'CA', '958'], ['Portland', 'OR', '972'], ['Seattle', 'WA', '981'], ['Denver', 'CO', '802'],
  ['Austin', 'TX', '787'], ['Phoenix', 'AZ', '850'], ['Chicago', 'IL', '606'], ['Columbus', 'OH', '432'], ['Atlanta', 'GA', '303'],
  ['Raleigh', 'NC', '276'], ['Boston', 'MA', '021'], ['Minneapolis', 'MN', '554'], ['Nashville', 'TN', '372'], ['Boise', 'ID', '837'],
];

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)];
}

export interface SeedPerson {
  given: string;
  family: string;
  middle?: string;
}

export interface SeedCustomer {
  displayName: string;
  companyName?: string;
  person?: SeedPerson;
  email: string;
  phone: string;
  address: { Line1: string; City: string; CountrySubDivisionCode: string; PostalCode: string; Country: string };
}

/** Yields customers with DisplayNames unique (case-insensitively) among themselves and `taken`. */
export function* seedCustomers(seed: number, taken: (lowerName: string) => boolean): Generator<SeedCustomer> {
  const rnd = randomSource(seed);
  for (;;) {
    const business = rnd() < 0.45;
    let displayName: string;
    let companyName: string | undefined;
    let person: SeedPerson | undefined;
    if (business) {
      const head = rnd() < 0.5 ? pick(rnd, PLACES) : pick(rnd, FAMILY);
      const form = pick(rnd, FORMS);
      companyName = `${head} ${pick(rnd, TRADES)}${form ? ` ${form}` : ''}`;
      displayName = companyName;
    } else {
      person = { given: pick(rnd, GIVEN), family: pick(rnd, FAMILY) };
      displayName = `${person.given} ${person.family}`;
    }
    for (let n = 0; taken(displayName.toLowerCase()); n++) {
      // Real books have namesakes; QuickBooks makes users tell them apart.
      if (person && n === 0) {
        person.middle = String.fromCharCode(65 + Math.floor(rnd() * 26));
        displayName = `${person.given} ${person.middle}. ${person.family}`;
      } else {
        displayName = `${companyName ?? `${person!.given} ${person!.family}`} (${pick(rnd, CITIES)[0]}${n > 3 ? ` ${n}` : ''})`;
      }
    }
    const [city, state, zip] = pick(rnd, CITIES);
    const slug = displayName.toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '');
    yield {
      displayName,
      companyName,
      person,
      email: business ? `billing@${slug.replace(/\./g, '')}.example` : `${slug}@example.com`,
      phone: `(${200 + Math.floor(rnd() * 700)}) 555-${String(Math.floor(rnd() * 10000)).padStart(4, '0')}`,
      address: { Line1: `${100 + Math.floor(rnd() * 9800)} ${pick(rnd, STREETS)}`, City: city, CountrySubDivisionCode: state, PostalCode: `${zip}${String(Math.floor(rnd() * 100)).padStart(2, '0')}`, Country: 'USA' },
    };
  }
}

export function seedPerson(rnd: () => number): SeedPerson {
  return { given: pick(rnd, GIVEN), family: pick(rnd, FAMILY) };
}

export function seedWord(rnd: () => number, kind: 'place' | 'trade'): string {
  return pick(rnd, kind === 'place' ? PLACES : TRADES);
}

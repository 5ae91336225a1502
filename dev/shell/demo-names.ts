/**
 * Word pools for the demo firm's contacts and staff. Invented combinations of common US names
 * and trades; any likeness to a real business is chance.
 */

export const FIRST_NAMES = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Karen', 'Christopher', 'Sarah',
  'Charles', 'Lisa', 'Daniel', 'Nancy', 'Matthew', 'Sandra', 'Anthony', 'Betty', 'Mark', 'Ashley',
  'Donald', 'Emily', 'Steven', 'Kimberly', 'Andrew', 'Margaret', 'Paul', 'Donna', 'Joshua', 'Michelle',
  'Kenneth', 'Carol', 'Kevin', 'Amanda', 'Brian', 'Melissa', 'Timothy', 'Deborah', 'Ronald', 'Stephanie',
  'George', 'Rebecca', 'Jason', 'Sharon', 'Edward', 'Laura', 'Jeffrey', 'Cynthia', 'Ryan', 'Dorothy',
  'Jacob', 'Amy', 'Nicholas', 'Kathleen', 'Gary', 'Angela', 'Eric', 'Shirley', 'Jonathan', 'Emma',
  'Stephen', 'Brenda', 'Larry', 'Pamela', 'Justin', 'Nicole', 'Scott', 'Anna', 'Brandon', 'Samantha',
  'Benjamin', 'Katherine', 'Samuel', 'Christine', 'Gregory', 'Debra', 'Alexander', 'Rachel', 'Patrick', 'Carolyn',
  'Frank', 'Janet', 'Raymond', 'Maria', 'Jack', 'Olivia', 'Dennis', 'Heather', 'Jerry', 'Helen',
  'Tyler', 'Catherine', 'Aaron', 'Diane', 'Jose', 'Julie', 'Adam', 'Victoria', 'Nathan', 'Joyce',
  'Henry', 'Lauren', 'Zachary', 'Kelly', 'Douglas', 'Christina', 'Peter', 'Ruth', 'Kyle', 'Joan',
  'Noah', 'Virginia', 'Ethan', 'Judith', 'Jeremy', 'Evelyn', 'Christian', 'Hannah', 'Walter', 'Andrea',
  'Keith', 'Megan', 'Austin', 'Cheryl', 'Roger', 'Jacqueline', 'Terry', 'Madison', 'Sean', 'Teresa',
  'Priya', 'Wei', 'Hiroshi', 'Fatima', 'Carlos', 'Lucia', 'Arjun', 'Mei', 'Omar', 'Sofia',
] as const;

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
  'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts',
  'Gomez', 'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker', 'Cruz', 'Edwards', 'Collins', 'Reyes',
  'Stewart', 'Morris', 'Morales', 'Murphy', 'Cook', 'Rogers', 'Gutierrez', 'Ortiz', 'Morgan', 'Cooper',
  'Peterson', 'Bailey', 'Reed', 'Kelly', 'Howard', 'Ramos', 'Kim', 'Cox', 'Ward', 'Richardson',
  'Watson', 'Brooks', 'Chavez', 'Wood', 'James', 'Bennett', 'Gray', 'Mendoza', 'Ruiz', 'Hughes',
  'Price', 'Alvarez', 'Castillo', 'Sanders', 'Patel', 'Myers', 'Long', 'Ross', 'Foster', 'Jimenez',
  'Powell', 'Jenkins', 'Perry', 'Russell', 'Sullivan', 'Bell', 'Coleman', 'Butler', 'Henderson', 'Barnes',
  'Gonzales', 'Fisher', 'Vasquez', 'Simmons', 'Romero', 'Jordan', 'Patterson', 'Alexander', 'Hamilton', 'Graham',
  'Reynolds', 'Griffin', 'Wallace', 'Moreno', 'West', 'Cole', 'Hayes', 'Bryant', 'Herrera', 'Gibson',
  'Ellis', 'Tran', 'Medina', 'Aguilar', 'Stevens', 'Murray', 'Ford', 'Castro', 'Marshall', 'Owens',
  'Harrison', 'Fernandez', 'McDonald', 'Woods', 'Washington', 'Kennedy', 'Wells', 'Vargas', 'Henry', 'Chen',
  'Freeman', 'Webb', 'Tucker', 'Guzman', 'Burns', 'Crawford', 'Olson', 'Simpson', 'Porter', 'Hunter',
  'Gordon', 'Mendez', 'Silva', 'Shaw', 'Snyder', 'Mason', 'Dixon', 'Munoz', 'Hunt', 'Hicks',
  'Holmes', 'Palmer', 'Wagner', 'Black', 'Robertson', 'Boyd', 'Rose', 'Stone', 'Salazar', 'Fox',
  'Warren', 'Mills', 'Meyer', 'Rice', 'Schmidt', 'Garza', 'Daniels', 'Ferguson', 'Nichols', 'Stephens',
  'Soto', 'Weaver', 'Ryan', 'Gardner', 'Payne', 'Grant', 'Dunn', 'Kelley', 'Spencer', 'Hawkins',
] as const;

/** Places and words that make a plausible business name when put before a trade. */
export const BUSINESS_PREFIXES = [
  'Blue Ridge', 'Cedar Creek', 'Summit', 'Harbor', 'Oak Valley', 'Pioneer', 'Riverside', 'Golden Gate',
  'Evergreen', 'Maple Leaf', 'Silver Lake', 'Red Canyon', 'Northstar', 'Lakeside', 'Sunrise', 'Granite',
  'Prairie', 'Coastal', 'Highland', 'Willow', 'Liberty', 'Heritage', 'Keystone', 'Bayview',
  'Copper Hill', 'Stonebridge', 'Pinecrest', 'Meadowbrook', 'Ironwood', 'Clearwater', 'Bright Path', 'Westfield',
] as const;

export const TRADES = [
  'Plumbing', 'Dental Care', 'Landscaping', 'Auto Repair', 'Bakery', 'Roofing', 'Veterinary Clinic', 'Florist',
  'Construction', 'Electric', 'Law Group', 'Realty', 'Insurance Agency', 'Fitness Studio', 'Coffee Roasters', 'Print Shop',
  'Home Health', 'Pet Grooming', 'Tailoring', 'Hardware', 'Pharmacy', 'Cleaning Services', 'Catering', 'Brewing',
  'Chiropractic', 'Architects', 'Machine Works', 'Farm Supply', 'Music School', 'Daycare', 'Optometry', 'Marina',
  'Heating & Air', 'Tile & Stone', 'Bike Shop', 'Bookstore', 'Furniture', 'Signs', 'Towing', 'Winery',
] as const;

export const BUSINESS_SUFFIXES = ['', '', '', 'LLC', 'Inc.', 'Co.', '& Sons', 'Group', 'Partners', 'Corp.'] as const;

export const STREET_NAMES = [
  'Main', 'Oak', 'Pine', 'Maple', 'Cedar', 'Elm', 'Washington', 'Lake', 'Hill', 'Park',
  'Walnut', 'Sunset', 'Ridge', 'Lincoln', 'Church', 'Highland', 'Jefferson', 'Mill', 'Spring', 'Center',
] as const;

export const STREET_SUFFIXES = ['St', 'Ave', 'Rd', 'Blvd', 'Ln', 'Dr', 'Way', 'Ct'] as const;

/** Real US city / state / ZIP combinations, so that addresses look right in QBO. */
export const CITIES = [
  { city: 'Bayshore', state: 'CA', postalCode: '94326', area: '650' },
  { city: 'Palo Alto', state: 'CA', postalCode: '94303', area: '650' },
  { city: 'Sacramento', state: 'CA', postalCode: '95814', area: '916' },
  { city: 'Fresno', state: 'CA', postalCode: '93721', area: '559' },
  { city: 'Portland', state: 'OR', postalCode: '97205', area: '503' },
  { city: 'Seattle', state: 'WA', postalCode: '98101', area: '206' },
  { city: 'Boise', state: 'ID', postalCode: '83702', area: '208' },
  { city: 'Reno', state: 'NV', postalCode: '89501', area: '775' },
  { city: 'Phoenix', state: 'AZ', postalCode: '85004', area: '602' },
  { city: 'Denver', state: 'CO', postalCode: '80202', area: '303' },
  { city: 'Austin', state: 'TX', postalCode: '78701', area: '512' },
  { city: 'Dallas', state: 'TX', postalCode: '75201', area: '214' },
  { city: 'Tulsa', state: 'OK', postalCode: '74103', area: '918' },
  { city: 'Omaha', state: 'NE', postalCode: '68102', area: '402' },
  { city: 'Minneapolis', state: 'MN', postalCode: '55401', area: '612' },
  { city: 'Madison', state: 'WI', postalCode: '53703', area: '608' },
  { city: 'Chicago', state: 'IL', postalCode: '60601', area: '312' },
  { city: 'Columbus', state: 'OH', postalCode: '43215', area: '614' },
  { city: 'Nashville', state: 'TN', postalCode: '37203', area: '615' },
  { city: 'Atlanta', state: 'GA', postalCode: '30303', area: '404' },
  { city: 'Charlotte', state: 'NC', postalCode: '28202', area: '704' },
  { city: 'Richmond', state: 'VA', postalCode: '23219', area: '804' },
  { city: 'Albany', state: 'NY', postalCode: '12207', area: '518' },
  { city: 'Burlington', state: 'VT', postalCode: '05401', area: '802' },
] as const;

/**
 * Close-but-not-identical variants of the customer names of QuickBooks Online's US sample
 * company, so that automatch has real work against the sandbox: punctuation, a legal suffix,
 * one letter off, or a person filed as "Last, First".
 */
/** Where a look-alike's billing address is, when it must agree with the other system's. */
export interface DemoPlace {
  city: string;
  postalCode: string;
}

export type DemoVariant = ({ kind: 'business'; companyName: string } | { kind: 'individual'; firstName: string; middleName?: string; lastName: string }) & { place?: DemoPlace };

export const SAMPLE_COMPANY_VARIANTS: ReadonlyArray<DemoVariant> = [
  { kind: 'business', companyName: "Amy's Bird Sanctuary, LLC" },
  { kind: 'business', companyName: 'Bills Windsurf Shop' },
  { kind: 'business', companyName: 'Cool Cars Inc.' },
  { kind: 'individual', firstName: 'Diego', lastName: 'Rodriquez' },
  { kind: 'business', companyName: "Duke's Basketball Camp" },
  { kind: 'business', companyName: 'Freeman Sporting Goods Co.' },
  { kind: 'individual', firstName: 'Geeta', lastName: 'Kalapatapu' },
  { kind: 'business', companyName: 'Jeffs Jalopies' },
  { kind: 'individual', firstName: 'Jon', lastName: 'Melton' },
  { kind: 'business', companyName: 'Kookies By Kathy' },
  { kind: 'individual', firstName: 'Mark', lastName: 'Cho' },
  { kind: 'business', companyName: 'Paulsen Medical Supply' },
  { kind: 'business', companyName: 'Rago Travel Agency Inc' },
  { kind: 'business', companyName: 'The Red Rock Diner' },
  { kind: 'business', companyName: 'Rondonuwu Fruit & Vegi' },
  { kind: 'individual', firstName: 'Sharra', lastName: 'Barnett' },
  { kind: 'business', companyName: 'Sonnenschein Family Stores' },
  { kind: 'business', companyName: 'Sushi By Katsuyuki' },
  { kind: 'individual', firstName: 'Travis', lastName: 'Waldren' },
  { kind: 'business', companyName: 'Video Games By Dan LLC' },
  { kind: 'business', companyName: 'Weddings Planning by Whitney' },
  { kind: 'business', companyName: 'Weiskopf Consulting Group' },
];

/**
 * The demo firm's own spelling of clients the local sandbox's US demo company
 * (dev/qbo-sandbox/demo-companies.ts) also keeps, the way two systems drift apart: a legal
 * form, '&' written out, a branch tag, a middle initial. Automatch proposes these on the
 * Contact Match tab; the two Pinecrest branches against one QBO "Pinecrest Pharmacy" show a
 * "needs a decision" row. Customers the e2e tests rely on being unmatched (Carla Mendes,
 * Juniper Design Studio) or matched exactly (Bayview Bistro, Riverbend Auto Repair, Alder Creek
 * Veterinary) are left alone. Each keeps the sandbox customer's city: a billing address in
 * another city is a reason to hold a pair back.
 */
export const SANDBOX_COMPANY_LOOK_ALIKES: ReadonlyArray<DemoVariant> = [
  { kind: 'business', companyName: 'Dunmore Family Farms (Gilroy)', place: { city: 'Gilroy', postalCode: '95020' } },
  { kind: 'business', companyName: 'Elm Street Dental, P.C.', place: { city: 'San Jose', postalCode: '95112' } },
  { kind: 'individual', firstName: 'Farah', middleName: 'N', lastName: 'Qureshi', place: { city: 'Cupertino', postalCode: '95014' } },
  { kind: 'business', companyName: 'Granite Peak Builders Co.', place: { city: 'Santa Cruz', postalCode: '95060' } },
  { kind: 'business', companyName: 'Harbor Light Yoga (Half Moon Bay)', place: { city: 'Half Moon Bay', postalCode: '94019' } },
  { kind: 'business', companyName: 'Kettle and Crumb Bakery', place: { city: 'Los Altos', postalCode: '94022' } },
  { kind: 'business', companyName: 'Lopez Landscaping, Inc.', place: { city: 'Morgan Hill', postalCode: '95037' } },
  { kind: 'business', companyName: 'Nakamura Architecture, P.C.', place: { city: 'Palo Alto', postalCode: '94301' } },
  { kind: 'business', companyName: 'Tidewater Logistics, Inc.', place: { city: 'Oakland', postalCode: '94607' } },
  { kind: 'business', companyName: 'Willow and Finch Interiors LLC', place: { city: 'Burlingame', postalCode: '94010' } },
  { kind: 'individual', firstName: 'Sofia', lastName: 'Marchetti', place: { city: 'Menlo Park', postalCode: '94025' } },
  { kind: 'business', companyName: 'Pinecrest Pharmacy (Sunnyvale)', place: { city: 'Sunnyvale', postalCode: '94086' } },
  { kind: 'business', companyName: 'Pinecrest Pharmacy (Mountain View)', place: { city: 'Mountain View', postalCode: '94040' } },
];

/**
 * Common given names of many origins, folded (lower case, no accents). Used for two things
 * only: to recognise "John Smith" as a person when a contact comes with nothing but a name,
 * and to refuse treating two different real names as a typo of each other ("Jon" / "John",
 * "Maria" / "Mario" are different people).
 */
const NAMES = `
aaron abdul abdullah abigail abraham ada adam adrian adriana agnes ahmed ahmad aiden aisha alan albert alberto alejandra
alejandro alex alexander alexandra alexis alfonso alfred alfredo ali alice alicia alina alison allison alma alvaro amanda amber
amelia amir amit amy ana anastasia anderson andre andrea andreas andres andrew andy angel angela angelica angelo anil anita
ann anna anne annette anthony antonio april arjun armando arnold arthur arturo ashley aubrey audrey austin ava barbara
barry beatriz becky ben benjamin bernard bethany betty beverly bill billy blake bob bobby bonnie boris brad bradley brandon
brenda brent brett brian brittany brooke bruce bryan byron caleb cameron camila candice carl carla carlos carmen carol caroline
carolyn carrie casey catherine cecilia cesar chad chandra charles charlotte chelsea cheng cheryl chi chloe chris christian
christina christine christopher cindy claire clara claudia clayton clifford clint cody colin connie constance cora corey courtney
craig crystal curtis cynthia daisy dale dallas dan dana daniel daniela danielle danny darius darlene darnell darren dave david
dawn dean debbie deborah debra deepak denise dennis derek devin diana diane diego dimitri dmitri dolores dominic don donald donna
doris dorothy douglas duane dustin dwayne dylan earl ed eddie edgar eduardo edward edwin eileen elaine eleanor elena eli elijah
elizabeth ella ellen elliot emily emma enrique eric erica erik erin ernest esperanza esther ethan eugene eva evan evelyn fatima
felipe felix fernando florence frances francis francisco frank fred frederick gabriel gabriela gail gary gene george gerald
gerardo gina giovanni gladys glen glenn gloria gordon grace graham grant greg gregory guadalupe guillermo gustavo guy hailey
hannah harold harry harvey hassan hazel heather hector heidi helen henry herbert hiroshi holly howard hugo hung ian ibrahim
ignacio irene iris isaac isabel isabella ivan jack jackie jacob jacqueline jaime jake james jamie jan jane janet janice jared
jasmine jason javier jay jean jeff jeffrey jenna jennifer jenny jeremy jerome jerry jesse jessica jesus jill jim jimmy jin
joan joanne joe joel johanna john johnny jon jonathan jordan jorge jose joseph josephine joshua joy joyce juan juanita judith
judy julia julian julie julio june justin kai kamala karen karina karl kate katherine kathleen kathryn kathy katie kay keith
kelly ken kenji kenneth kevin kim kimberly kirk kristen kristin kristina kumar kurt kyle lakshmi lance larry laura lauren
lawrence leah lee leo leon leonard leslie li liam lillian linda lindsay lisa liu lois lola lorena lori lorraine louis louise
lucas lucia lucy luis luke luz lydia lynn madison malik mandy manuel marc marcela marcia marco marcos marcus margaret maria
mariana marie marilyn mario marion marisol mark marlene marsha marta martha martin marvin mary mason mateo matthew maureen
max maxine megan mei melanie melissa melvin mercedes mia michael michelle miguel mike mildred miriam mohamed mohammed mohammad
monica morgan muhammad nadia nancy naomi natalia natalie nathan nathaniel neil nicholas nicole nikhil nina noah noel nora
norma norman olga olivia omar oscar owen pablo pamela patricia patrick paul paula pedro peggy peter philip phillip phyllis
pierre priya rachel rafael rahul raj rajesh ralph ramon randall randy raquel raul ray raymond rebecca regina renee ricardo
richard rick ricky rita rob robert roberta roberto robin rodney rodrigo roger roland ron ronald rosa rosemary ross roy ruby
russell ruth ryan sabrina sally salvador samantha samuel sandra sanjay sara sarah scott sean sergio seth shannon sharon shawn
sheila shirley sidney silvia simon sofia sonia sophia stacy stanley stella stephanie stephen steve steven sue sunil susan
suzanne sylvia tamara tammy tanya tara ted teresa terry thelma theodore theresa thomas tiffany tim timothy tina todd tom tommy
tony tracy travis trevor troy tyler valerie vanessa vera veronica vicki victor victoria vijay vincent violet virginia vivian
wade walter wanda warren wayne wei wendy wesley william willie yan yasmin yolanda yuki yusuf yvonne zachary zoe
`;

export const GIVEN_NAMES: ReadonlySet<string> = new Set(NAMES.split(/\s+/).filter((n) => n.length > 0));

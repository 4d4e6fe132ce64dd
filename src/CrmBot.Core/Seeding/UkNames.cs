using System.Collections.Immutable;

namespace CrmBot.Core.Seeding;

/// <summary>
/// Common first names and surnames in the UK (ONS baby-name and surname frequency lists, 1960s–2000s births).
/// Curated here because Bogus's en_GB locale falls back to US placeholder names ("Zackery Cartwright").
/// </summary>
internal static class UkNames
{
    public static readonly ImmutableArray<string> FirstNames =
    [
        "Oliver", "George", "Harry", "Jack", "Jacob", "Noah", "Charlie", "Thomas", "Oscar", "William",
        "James", "Daniel", "Joshua", "Samuel", "Benjamin", "Alexander", "Joseph", "Matthew", "Luke", "Ryan",
        "Adam", "Liam", "Ethan", "Lewis", "Callum", "Connor", "Jamie", "Nathan", "Aaron", "Kieran",
        "David", "Michael", "Paul", "Mark", "Andrew", "Richard", "Stephen", "Peter", "Simon", "Robert",
        "Christopher", "Gareth", "Rhys", "Dylan", "Owen", "Rory", "Finlay", "Euan", "Hamish", "Ciaran",
        "Mohammed", "Ahmed", "Imran", "Omar", "Yusuf", "Arjun", "Rohan", "Ravi", "Sanjay", "Kwame",
        "Tomasz", "Piotr", "Luca", "Mateo", "Kai", "Leo", "Freddie", "Alfie", "Archie", "Toby",
        "Amelia", "Olivia", "Isla", "Emily", "Ava", "Jessica", "Sophie", "Grace", "Lily", "Ella",
        "Mia", "Charlotte", "Chloe", "Lucy", "Hannah", "Ruby", "Evie", "Poppy", "Freya", "Holly",
        "Emma", "Sarah", "Laura", "Rebecca", "Rachel", "Claire", "Helen", "Joanne", "Nicola", "Karen",
        "Susan", "Julie", "Amanda", "Catherine", "Elizabeth", "Victoria", "Katie", "Megan", "Bethan", "Niamh",
        "Siobhan", "Eilidh", "Kirsty", "Fiona", "Aisha", "Fatima", "Zara", "Amira", "Priya", "Anjali",
        "Sunita", "Maryam", "Yasmin", "Ngozi", "Abena", "Agnieszka", "Ewa", "Sofia", "Maisie", "Imogen",
        "Phoebe", "Harriet", "Eleanor", "Florence", "Matilda", "Rosie", "Jasmine", "Natalie", "Gemma", "Louise",
    ];

    public static readonly ImmutableArray<string> LastNames =
    [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
        "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
        "Patel", "Khan", "Lewis", "James", "Phillips", "Mason", "Mitchell", "Rose", "Davis", "Rodgers",
        "Cooper", "Morris", "Ward", "Turner", "Hughes", "Edwards", "Harris", "Martin", "Moore", "King",
        "Baker", "Hill", "Scott", "Young", "Allen", "Carter", "Morgan", "Bennett", "Shaw", "Watson",
        "Price", "Parker", "Cook", "Bailey", "Murphy", "Kelly", "Collins", "Bell", "Richardson", "Cox",
        "Howard", "Graham", "Marshall", "Owen", "Griffiths", "Lloyd", "Powell", "Jenkins", "Stewart", "Campbell",
        "Murray", "Reid", "Fraser", "Macdonald", "Robertson", "Ferguson", "Mackenzie", "Hamilton", "Gallagher", "Doherty",
        "Singh", "Ali", "Hussain", "Ahmed", "Shah", "Begum", "Sharma", "Kaur", "Gill", "Chowdhury",
        "Okafor", "Mensah", "Adeyemi", "Nowak", "Kowalski", "Chen", "Wong", "Nguyen", "Rossi", "Silva",
        "Chapman", "Ellis", "Knight", "Webb", "Fox", "Holmes", "Barnes", "Palmer", "Lawrence", "Dixon",
        "Hunt", "Gibson", "Mills", "Wells", "Hunter", "Butler", "Russell", "Fisher", "Harvey", "Spencer",
        "Pearson", "Reynolds", "Stevens", "Barker", "Lee", "Ryan", "Dawson", "Burton", "Lamb", "Hale",
        "Atkinson", "Brooks", "Nicholson", "Saunders", "Payne", "Pritchard", "Hopkins", "Sutton", "Bradley", "Fletcher",
    ];
}

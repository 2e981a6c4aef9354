"""Seed-article questions used to calibrate the abstention threshold (and kept as a regression)."""

ANSWERABLE = [
    "How many key tasks and action points does the campaign include?",
    "How many action points does the campaign have?",
    "How many key tasks are in the campaign?",
    "Who chairs the leadership team?",
    "Which industries does the campaign focus on?",
    "What does the campaign establish for oversight?",
    "What campaign did Baogang launch?",
    "What is Baogang Group?",
    "Who owns the companies that monopolize rare earth processing?",
    "What does the campaign prioritize over market competition?",
    "Why is this a warning sign for the West?",
    "What is the CCP embedding itself into?",
    "What are new incentives tied to?",
    "What is the name of the campaign?",
    "What kind of economic tightening is this part of?",
    "What are employees expected to align their efforts with?",
    "What does Baogang's reform really aim at, according to the bottom line?",
]

UNANSWERABLE = [
    "What is the name of Baogang's Party Secretary?",
    "What was Baogang's revenue last year?",
    "When did Baogang launch the campaign?",
    "How many employees does Baogang have?",
    "What is the capital of France?",
    "Who won the 2022 World Cup?",
    "What is the price of rare earth oxide?",
    "How much profit did Baogang make in 2023?",
    "Who is the CEO of Baogang's largest competitor?",
    "What is the population of Inner Mongolia?",
    "How many tonnes of steel does Baogang produce each year?",
    "Which bank financed the campaign?",
    "What is the recipe for chocolate cake?",
]

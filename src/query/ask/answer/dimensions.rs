//! What a measure is of, when the question says (`how much does it weigh`, `how powerful`,
//! `how fast`, `how hot`): a sentence holds amounts of many kinds (`a 2-liter, [149 horsepower]
//! four-cylinder engine`), and only one is in the unit asked for.

use super::super::question::Question;
use super::super::words::Token;

/// A kind of measure with units of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    Weight,
    Power,
    Speed,
    Temperature,
}

impl Dimension {
    /// The kind of measure the question's words ask for, if they name one.
    pub fn asked(q: &Question) -> Option<Dimension> {
        q.words.iter().find_map(|w| match w.norm.as_str() {
            "weigh" | "weighs" | "weighed" | "heavy" | "heavier" | "weight" => {
                Some(Dimension::Weight)
            }
            "powerful" | "horsepower" | "wattage" => Some(Dimension::Power),
            "fast" | "faster" | "speed" | "quickly" => Some(Dimension::Speed),
            "hot" | "cold" | "warm" | "temperature" => Some(Dimension::Temperature),
            _ => None,
        })
    }

    /// Whether the amount written in `toks` (its number, then its unit) is of this kind.
    pub fn measures(self, toks: &[Token]) -> bool {
        let Some(unit) = toks.last() else {
            return false;
        };
        let before = toks.len().checked_sub(2).map(|k| toks[k].norm.as_str());
        match self {
            Dimension::Weight => is_weight_unit(&unit.norm),
            Dimension::Power => matches!(
                unit.norm.as_str(),
                "horsepower"
                    | "hp"
                    | "bhp"
                    | "watt"
                    | "watts"
                    | "kilowatt"
                    | "kilowatts"
                    | "megawatt"
                    | "megawatts"
                    | "gigawatt"
                    | "gigawatts"
                    | "w"
                    | "kw"
                    | "mw"
                    | "gw"
            ),
            Dimension::Speed => {
                matches!(unit.norm.as_str(), "mph" | "kph" | "kmh" | "knot" | "knots")
                    || unit.norm == "hour" && before == Some("per")
            }
            // `41.2 °C` ends on the scale's letter.
            Dimension::Temperature => {
                matches!(unit.norm.as_str(), "degrees" | "degree" | "c" | "f") && toks.len() > 1
            }
        }
    }
}

/// Units an amount of weight is written in.
fn is_weight_unit(w: &str) -> bool {
    matches!(
        w,
        "pound"
            | "pounds"
            | "lb"
            | "lbs"
            | "kg"
            | "kilogram"
            | "kilograms"
            | "kilo"
            | "kilos"
            | "gram"
            | "grams"
            | "ton"
            | "tons"
            | "tonne"
            | "tonnes"
            | "ounce"
            | "ounces"
            | "oz"
            | "stone"
    )
}

#[cfg(test)]
mod tests {
    use super::super::test_support::answers_are;

    #[test]
    fn an_amount_in_the_unit_asked_for_answers() {
        answers_are(&[
            (
                "how powerful is the new engine",
                "The redesigned hatch uses a 1.5-liter, 130 horsepower three-cylinder engine.",
                "130 horsepower",
            ),
            (
                "how much does the bell weigh",
                "The bell, 2 metres across, weighs 13 tonnes.",
                "13 tonnes",
            ),
            (
                "how fast can the train go",
                "The 200-metre train can reach 320 kph on the new line.",
                "320 kph",
            ),
            (
                "how fast does the coupe sprint from rest to 100",
                "The coupe sprints from rest to 100 kph (62 mph) in about seven seconds.",
                "seven seconds",
            ),
        ]);
    }
}

//! Names of months and weekdays, lower case: dates to the recognisers, not names, and what a
//! *when* question is answered with.

/// `january` … `december` and their common abbreviations (`jan`, `sept`).
pub fn is_month(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
    )
}

/// `monday` … `sunday`.
pub fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_weekdays() {
        assert!(is_month("may") && is_month("sept") && !is_month("maybe"));
        assert!(is_weekday("sunday") && !is_weekday("sun"));
    }
}

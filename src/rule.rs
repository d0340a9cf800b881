//! Eligibility rules (`eligible_when` in site.toml) as a small tree, so
//! they can be explained in plain words and, clause by clause, to a
//! household. The rules are evaluated by the SQL engine; this reads the
//! common subset of SQL they are written in: comparisons of a column with a
//! number or a text, `IN (...)`, `BETWEEN ... AND ...`, `IS [NOT] NULL`,
//! `AND`, `OR`, `NOT`, parentheses, `true` and `false`. A rule outside that
//! subset is still valid; it is only quoted as it is written.

/// A value a column is compared with.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum Value {
    Number(f64),
    Text(String),
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

/// An eligibility rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    All(Vec<Rule>),
    Any(Vec<Rule>),
    Not(Box<Rule>),
    Compare {
        column: String,
        op: Op,
        value: Value,
    },
    OneOf {
        column: String,
        values: Vec<Value>,
        negated: bool,
    },
    Between {
        column: String,
        low: Value,
        high: Value,
    },
    Missing {
        column: String,
        negated: bool,
    },
    Always(bool),
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Number(f64),
    Text(String),
    Op(Op),
    Open,
    Close,
    Comma,
}

fn tokens(text: &str) -> Option<Vec<Token>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            out.push(Token::Open);
            i += 1;
        } else if c == ')' {
            out.push(Token::Close);
            i += 1;
        } else if c == ',' {
            out.push(Token::Comma);
            i += 1;
        } else if c == '\'' {
            let mut s = String::new();
            i += 1;
            loop {
                match chars.get(i) {
                    None => return None,
                    Some('\'') if chars.get(i + 1) == Some(&'\'') => {
                        s.push('\'');
                        i += 2;
                    }
                    Some('\'') => {
                        i += 1;
                        break;
                    }
                    Some(&ch) => {
                        s.push(ch);
                        i += 1;
                    }
                }
            }
            out.push(Token::Text(s));
        } else if "<>=!".contains(c) {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            let (op, len) = match two.as_str() {
                "<=" => (Op::Le, 2),
                ">=" => (Op::Ge, 2),
                "<>" | "!=" => (Op::Ne, 2),
                "==" => (Op::Eq, 2),
                _ => match c {
                    '<' => (Op::Lt, 1),
                    '>' => (Op::Gt, 1),
                    '=' => (Op::Eq, 1),
                    _ => return None,
                },
            };
            out.push(Token::Op(op));
            i += len;
        } else if c.is_ascii_digit()
            || (c == '-' && chars.get(i + 1).is_some_and(char::is_ascii_digit))
        {
            let start = i;
            i += 1;
            while chars
                .get(i)
                .is_some_and(|d| d.is_ascii_digit() || *d == '.')
            {
                i += 1;
            }
            let n: String = chars[start..i].iter().collect();
            out.push(Token::Number(n.parse().ok()?));
        } else if c.is_alphabetic() || c == '_' || c == '"' {
            let quoted = c == '"';
            if quoted {
                i += 1;
            }
            let start = i;
            while chars
                .get(i)
                .is_some_and(|d| d.is_alphanumeric() || *d == '_')
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if quoted {
                if chars.get(i) != Some(&'"') {
                    return None;
                }
                i += 1;
            }
            out.push(Token::Word(word));
        } else {
            return None;
        }
    }
    Some(out)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn keyword(&self, word: &str) -> bool {
        matches!(self.peek(), Some(Token::Word(w)) if w.eq_ignore_ascii_case(word))
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.at).cloned();
        self.at += 1;
        t
    }

    fn any(&mut self) -> Option<Rule> {
        let mut parts = vec![self.all()?];
        while self.keyword("or") {
            self.at += 1;
            parts.push(self.all()?);
        }
        Some(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Rule::Any(parts)
        })
    }

    fn all(&mut self) -> Option<Rule> {
        let mut parts = vec![self.not()?];
        while self.keyword("and") {
            self.at += 1;
            parts.push(self.not()?);
        }
        Some(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Rule::All(parts)
        })
    }

    fn not(&mut self) -> Option<Rule> {
        if self.keyword("not") {
            self.at += 1;
            return Some(Rule::Not(Box::new(self.not()?)));
        }
        self.atom()
    }

    fn value(&mut self) -> Option<Value> {
        match self.next()? {
            Token::Number(n) => Some(Value::Number(n)),
            Token::Text(t) => Some(Value::Text(t)),
            _ => None,
        }
    }

    fn atom(&mut self) -> Option<Rule> {
        match self.next()? {
            Token::Open => {
                let inner = self.any()?;
                (self.next()? == Token::Close).then_some(inner)
            }
            Token::Word(w) if w.eq_ignore_ascii_case("true") => Some(Rule::Always(true)),
            Token::Word(w) if w.eq_ignore_ascii_case("false") => Some(Rule::Always(false)),
            Token::Word(column) => {
                let column = column.to_ascii_lowercase();
                if self.keyword("is") {
                    self.at += 1;
                    let negated = self.keyword("not");
                    if negated {
                        self.at += 1;
                    }
                    return self.keyword("null").then(|| {
                        self.at += 1;
                        Rule::Missing { column, negated }
                    });
                }
                let negated = self.keyword("not");
                if negated {
                    self.at += 1;
                }
                if self.keyword("in") {
                    self.at += 1;
                    if self.next()? != Token::Open {
                        return None;
                    }
                    let mut values = vec![self.value()?];
                    while self.peek() == Some(&Token::Comma) {
                        self.at += 1;
                        values.push(self.value()?);
                    }
                    return (self.next()? == Token::Close).then_some(Rule::OneOf {
                        column,
                        values,
                        negated,
                    });
                }
                if self.keyword("between") && !negated {
                    self.at += 1;
                    let low = self.value()?;
                    if !self.keyword("and") {
                        return None;
                    }
                    self.at += 1;
                    let high = self.value()?;
                    return Some(Rule::Between { column, low, high });
                }
                if negated {
                    return None;
                }
                let Token::Op(op) = self.next()? else {
                    return None;
                };
                let value = self.value()?;
                Some(Rule::Compare { column, op, value })
            }
            _ => None,
        }
    }
}

/// The rule as a tree, or `None` when it uses more of SQL than this reads.
pub fn parse(text: &str) -> Option<Rule> {
    let tokens = tokens(text)?;
    let mut p = Parser { tokens, at: 0 };
    let rule = p.any()?;
    (p.at == p.tokens.len()).then_some(rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmp(column: &str, op: Op, n: f64) -> Rule {
        Rule::Compare {
            column: column.into(),
            op,
            value: Value::Number(n),
        }
    }

    #[test]
    fn reads_the_rules_villages_write() {
        assert_eq!(
            parse("welfare_decile <= 4 AND members >= 3"),
            Some(Rule::All(vec![
                cmp("welfare_decile", Op::Le, 4.0),
                cmp("members", Op::Ge, 3.0)
            ]))
        );
        assert_eq!(
            parse("welfare_decile <= 6 AND (elderly >= 1 OR disabled >= 1)"),
            Some(Rule::All(vec![
                cmp("welfare_decile", Op::Le, 6.0),
                Rule::Any(vec![
                    cmp("elderly", Op::Ge, 1.0),
                    cmp("disabled", Op::Ge, 1.0)
                ])
            ]))
        );
        assert_eq!(parse("true"), Some(Rule::Always(true)));
        assert_eq!(
            parse("NOT status = 'moved'"),
            Some(Rule::Not(Box::new(Rule::Compare {
                column: "status".into(),
                op: Op::Eq,
                value: Value::Text("moved".into())
            })))
        );
        assert_eq!(
            parse("rw IN (1, 2) AND disabled IS NOT NULL"),
            Some(Rule::All(vec![
                Rule::OneOf {
                    column: "rw".into(),
                    values: vec![Value::Number(1.0), Value::Number(2.0)],
                    negated: false
                },
                Rule::Missing {
                    column: "disabled".into(),
                    negated: true
                }
            ]))
        );
        assert_eq!(
            parse("welfare_decile BETWEEN 2 AND 4"),
            Some(Rule::Between {
                column: "welfare_decile".into(),
                low: Value::Number(2.0),
                high: Value::Number(4.0)
            })
        );
        // More SQL than this reads: quoted as written.
        assert_eq!(parse("members * 2 > 5"), None);
        assert_eq!(parse("registered_on < DATE '2025-01-01'"), None);
        assert_eq!(parse("(welfare_decile <= 4"), None);
    }
}
